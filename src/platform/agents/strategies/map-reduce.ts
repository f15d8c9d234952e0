import type { AgentPool } from '../agent-pool.js';
import type { AgentTask } from '../agent-task.js';

type TypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

/** What a mapper receives: its chunk and where the chunk starts in the whole input. */
export interface MapChunk<C> {
  items: C;
  offset: number;
}

export interface MapReduceOptions {
  chunkSize: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Splits `items` into chunks, maps each on the pool, reduces the partial results in this
 * thread (in chunk order). Typed arrays never cross as row objects: a chunk of a shared buffer
 * is a view of the same memory (no copy), a chunk of an ordinary buffer is copied once and
 * moved into the worker.
 */
export async function mapReduce<T, C, P, R>(
  pool: AgentPool,
  items: readonly T[] | TypedArray,
  options: MapReduceOptions,
  mapper: AgentTask<MapChunk<C>, P>,
  reducer: (partials: P[]) => R | Promise<R>,
): Promise<R> {
  const { chunkSize } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, not ${chunkSize}`);
  const runs: Promise<P>[] = [];
  for (let offset = 0; offset < items.length; offset += chunkSize) {
    const end = Math.min(items.length, offset + chunkSize);
    const { chunk, transfer } = chunkOf(items, offset, end);
    runs.push(pool.run(mapper, { items: chunk as C, offset }, { timeoutMs: options.timeoutMs, signal: options.signal, transferList: transfer }));
  }
  return reducer(await Promise.all(runs));
}

/**
 * Map-reduce over row ranges of data every worker can already see (columns on shared
 * buffers): each task gets `{ from, to, context }`, nothing is copied per row.
 */
export async function mapReduceRanges<X, P, R>(
  pool: AgentPool,
  count: number,
  context: X,
  options: MapReduceOptions,
  mapper: AgentTask<{ from: number; to: number; context: X }, P>,
  reducer: (partials: P[]) => R | Promise<R>,
): Promise<R> {
  const { chunkSize } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, not ${chunkSize}`);
  const runs: Promise<P>[] = [];
  for (let from = 0; from < count || (count === 0 && from === 0); from += chunkSize) {
    runs.push(pool.run(mapper, { from, to: Math.min(count, from + chunkSize), context }, { timeoutMs: options.timeoutMs, signal: options.signal }));
    if (count === 0) break;
  }
  return reducer(await Promise.all(runs));
}

function chunkOf<T>(items: readonly T[] | TypedArray, start: number, end: number): { chunk: unknown; transfer?: ArrayBuffer[] } {
  if (!ArrayBuffer.isView(items)) return { chunk: (items as readonly T[]).slice(start, end) };
  if (isShared(items.buffer)) return { chunk: items.subarray(start, end) };
  // A view of an ordinary buffer would be cloned whole: copy just the chunk, then move it.
  const copy = items.slice(start, end);
  return { chunk: copy, transfer: [copy.buffer as ArrayBuffer] };
}

/** Realm-independent (a buffer made in another context fails `instanceof`). */
function isShared(buffer: ArrayBufferLike): boolean {
  return Object.prototype.toString.call(buffer) === '[object SharedArrayBuffer]';
}
