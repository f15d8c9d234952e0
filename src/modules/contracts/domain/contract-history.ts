import type { Contract, NewContract } from './contract.js';

/** One version of a contract as its history shows it. */
export interface ContractVersion {
  version: number;
  /** `contract.created` or `contract.updated`. */
  event: string;
  at: string;
  /** Who made it (`key:<id>`, `jwt:<subject>`, `admin-token`); null when unknown (bulk-loaded or older data). */
  actor: string | null;
  /** The fields this version set: all of them for the creation, those whose value moved for a change. */
  changed: string[];
}

export interface ContractHistoryPage {
  items: ContractVersion[];
  nextCursor: string | null;
}

/** A contract event from the event log. */
export interface LoggedContractEvent {
  version: number;
  type: string;
  at: string;
  actor: string | null;
  payload: { contract?: Partial<Contract>; changed?: string[] };
}

const FIELDS: readonly (keyof NewContract)[] = ['agencyId', 'supplierId', 'category', 'procurementMethod', 'amountCents', 'currency', 'signedAt', 'status', 'metadata'];

/**
 * The versions of `events` (one contract's, in version order). A change lists the fields whose
 * value differs from the version before (`baseline` for the first, when the page starts
 * later); without the version before at hand, the fields its request named.
 */
export function contractVersions(events: readonly LoggedContractEvent[], baseline?: LoggedContractEvent): ContractVersion[] {
  let previous = baseline;
  return events.map((event) => {
    const version = { version: event.version, event: event.type, at: event.at, actor: event.actor, changed: changedFields(event, previous) };
    previous = event;
    return version;
  });
}

function changedFields(event: LoggedContractEvent, previous: LoggedContractEvent | undefined): string[] {
  const after = event.payload.contract ?? {};
  if (event.type === 'contract.created') return FIELDS.filter((field) => after[field] !== undefined);
  const before = previous?.version === event.version - 1 ? previous.payload.contract : undefined;
  if (!before) return [...(event.payload.changed ?? [])];
  // jsonb keeps object keys in one order, so equal metadata serializes equally.
  return FIELDS.filter((field) => JSON.stringify(after[field]) !== JSON.stringify(before[field]));
}
