import type { EventEnvelope } from '../../../platform/events/index.js';
import { contractTags } from '../../contracts/domain/contract-cache-tags.js';
import type { Contract } from '../../contracts/domain/contract.js';
import { projectContract, type ProjectedContract } from './projected-contract.js';
import { StatsDeltas } from './stats-deltas.js';

/** Events whose payload carries the contract as it is after the event. */
export const PROJECTED_EVENT_TYPES: ReadonlySet<string> = new Set(['contract.created', 'contract.updated']);

export interface StateWrite {
  /** The version stored before this batch (0: none); the write only lands if it is still that. */
  storedVersion: number;
  next: ProjectedContract;
}

export interface FoldResult {
  writes: StateWrite[];
  deltas: StatsDeltas;
  applied: number;
  skipped: number;
  /** Cache tags of the agencies and suppliers whose stats moved, or may have (an event redelivered after its state was written). */
  tags: string[];
}

/**
 * Applies a batch of contract events, in order, over the states stored before it: an event
 * counts only if its aggregate version is newer than the contract's current one (so replays,
 * redeliveries and late older events change nothing), and its delta is computed from the state
 * it replaces. Deltas add up in `deltas` (a fresh accumulator unless one is passed to carry them
 * across batches).
 */
export function foldContractEvents(stored: ReadonlyMap<string, ProjectedContract>, events: readonly EventEnvelope[], deltas = new StatsDeltas()): FoldResult {
  const current = new Map(stored);
  const written = new Set<string>();
  const tags = new Set<string>();
  let applied = 0;
  let skipped = 0;
  for (const event of events) {
    if (!PROJECTED_EVENT_TYPES.has(event.type)) continue;
    const previous = current.get(event.aggregateId);
    if (previous && previous.version >= event.aggregateVersion) {
      skipped++;
      // Redelivered after its state was written: the delivery that wrote it may have died before invalidating.
      if (previous.version === event.aggregateVersion) tags.add(contractTags.agency(previous.agencyId)).add(contractTags.supplier(previous.supplierId));
      continue;
    }
    const next = projectContract((event.payload as { contract: Contract }).contract, event.aggregateVersion);
    deltas.move(previous, next);
    current.set(event.aggregateId, next);
    written.add(event.aggregateId);
    applied++;
    for (const c of previous ? [previous, next] : [next]) tags.add(contractTags.agency(c.agencyId)).add(contractTags.supplier(c.supplierId));
  }
  const writes = [...written].sort().map((id) => ({ storedVersion: stored.get(id)?.version ?? 0, next: current.get(id) as ProjectedContract }));
  return { writes, deltas, applied, skipped, tags: [...tags] };
}
