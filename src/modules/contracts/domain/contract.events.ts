import { envelope, type EventCause, type EventEnvelope } from '../../../platform/events/index.js';
import type { Contract, ContractChanges } from './contract.js';

export const CONTRACT_AGGREGATE = 'contract';

/** `contract.created` v1: the contract as stored. */
export function contractCreated(contract: Contract, cause: EventCause): EventEnvelope<{ contract: Contract }> {
  return envelope({ type: 'contract.created', schemaVersion: 1, aggregateType: CONTRACT_AGGREGATE, aggregateId: contract.id, aggregateVersion: contract.version, ...cause, payload: { contract } });
}

/** `contract.updated` v1: the contract after the change, the fields changed, and the agency it belonged to before. */
export function contractUpdated(
  contract: Contract,
  changes: ContractChanges,
  previousAgencyId: string,
  cause: EventCause,
): EventEnvelope<{ contract: Contract; changed: string[]; previousAgencyId: string }> {
  const changed = Object.keys(changes).filter((field) => changes[field as keyof ContractChanges] !== undefined);
  return envelope({ type: 'contract.updated', schemaVersion: 1, aggregateType: CONTRACT_AGGREGATE, aggregateId: contract.id, aggregateVersion: contract.version, ...cause, payload: { contract, changed, previousAgencyId } });
}
