import type { Contract } from '../../contracts/domain/contract.js';

/** What the stats projection keeps of a contract: the fields its totals depend on, and the version they are at. */
export interface ProjectedContract {
  contractId: string;
  version: number;
  agencyId: string;
  supplierId: string;
  /** First day of the signing month (UTC), `YYYY-MM-01`. */
  month: string;
  category: string;
  currency: string;
  amountCents: bigint;
  status: string;
}

/** `version` is the event's aggregate version (the payload's own, for events written by the commands). */
export function projectContract(contract: Contract, version = contract.version): ProjectedContract {
  return {
    contractId: contract.id,
    version,
    agencyId: contract.agencyId,
    supplierId: contract.supplierId,
    // signedAt is an ISO string in UTC (toISOString), so its first 7 characters are the UTC month.
    month: `${contract.signedAt.slice(0, 7)}-01`,
    category: contract.category,
    currency: contract.currency,
    amountCents: BigInt(contract.amountCents),
    status: contract.status,
  };
}
