import type { EventEnvelope } from '../../../platform/events/index.js';
import type { Contract } from '../../contracts/domain/contract.js';
import { projectContract, type ProjectedContract } from './projected-contract.js';

/** Events whose payload carries the contract as it is after the event. */
export const PROJECTED_EVENT_TYPES: ReadonlySet<string> = new Set(['contract.created', 'contract.updated']);

export const isProjected = (event: EventEnvelope): boolean => PROJECTED_EVENT_TYPES.has(event.type);

/**
 * The newest projected state of each contract among `events`, in contract id order (a stable
 * lock order for concurrent batches). Each projected event carries the whole contract, so a
 * contract's newest event is the net effect of all of them: the projection only compares it with
 * the state it stored (applied if newer) and counts the difference.
 */
export function latestContractStates(events: readonly EventEnvelope[]): ProjectedContract[] {
  const newest = new Map<string, EventEnvelope>();
  for (const event of events) {
    if (!isProjected(event)) continue;
    const seen = newest.get(event.aggregateId);
    if (!seen || seen.aggregateVersion < event.aggregateVersion) newest.set(event.aggregateId, event);
  }
  return [...newest.values()]
    .map((event) => projectContract((event.payload as { contract: Contract }).contract, event.aggregateVersion))
    .sort((a, b) => (a.contractId < b.contractId ? -1 : a.contractId > b.contractId ? 1 : 0));
}
