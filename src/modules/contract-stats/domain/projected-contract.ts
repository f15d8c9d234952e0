import { PoisonEventError } from '../../../platform/events/index.js';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const INT4_MAX = 2_147_483_647;

/** The problem with a projected event's contract, if its state cannot be stored: the projection would fail on it at every delivery. */
function unreadable(contract: Partial<Record<keyof Contract, unknown>> | undefined, version: number): string | undefined {
  if (!contract || typeof contract !== 'object') return 'no contract in the payload';
  for (const field of ['id', 'agencyId', 'supplierId'] as const) if (typeof contract[field] !== 'string' || !UUID.test(contract[field])) return `${field} is not a UUID`;
  if (!Number.isSafeInteger(version) || version < 1 || version > INT4_MAX) return 'the version is not a positive int4';
  if (typeof contract.signedAt !== 'string' || !ISO_INSTANT.test(contract.signedAt) || Number.isNaN(Date.parse(contract.signedAt))) return 'signedAt is not an ISO instant in UTC';
  if (typeof contract.category !== 'string' || contract.category === '' || contract.category.includes('\u0000')) return 'category is not a text';
  if (typeof contract.currency !== 'string' || !/^[A-Z]{3}$/.test(contract.currency)) return 'currency is not an ISO 4217 code';
  // Not capped at 2^53-1: events logged before that maximum may hold larger amounts, which the state's bigint stores.
  if (!Number.isInteger(contract.amountCents) || (contract.amountCents as number) < 0 || (contract.amountCents as number) >= 2 ** 63) return 'amountCents is not a non-negative int8';
  if (typeof contract.status !== 'string' || contract.status === '') return 'status is not a text';
  return undefined;
}

/**
 * `version` is the event's aggregate version (the payload's own, for events written by the
 * commands). Throws `PoisonEventError` for a contract whose state cannot be stored.
 */
export function projectContract(contract: Contract, version = contract.version): ProjectedContract {
  const problem = unreadable(contract as Partial<Record<keyof Contract, unknown>> | undefined, version);
  if (problem) throw new PoisonEventError(`contract stats cannot project this event: ${problem}`);
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
