import type { ContractColumns } from './contract-columns.js';
import type { AgentName, Finding } from './finding.js';

/**
 * An analysis agent as a map-reduce over row ranges: `map` reads rows [from, to) only and
 * returns a partial made of typed arrays and plain values (structured-cloneable, so a worker
 * thread can return it); of the dictionaries it may read the sizes and `methods`/`statuses`
 * only (a worker thread gets the other dictionaries' lengths, not their entries); `reduce` combines the partials of all ranges, in any order, into findings.
 */
export interface AnalysisAgent<TPartial = unknown> {
  readonly name: AgentName;
  map(columns: ContractColumns, from: number, to: number): TPartial;
  reduce(columns: ContractColumns, partials: readonly TPartial[]): Finding[];
}

/** Runs an agent over all rows in one range on the calling thread. */
export function runAgent<TPartial>(agent: AnalysisAgent<TPartial>, columns: ContractColumns): Finding[] {
  return agent.reduce(columns, [agent.map(columns, 0, columns.count)]);
}
