import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AgentPool,
  AgentPoolSaturatedError,
  type AgentPoolSettings,
  AgentTaskAbortedError,
  AgentTaskFailedError,
  AgentTaskTimeoutError,
  agentTask,
  AgentWorkerCrashedError,
  mapReduce,
  mapReduceRanges,
  type MapChunk,
  pipeline,
  scatterGather,
} from '../../src/platform/agents/index.js';
import { waitFor } from '../support/wait-for.js';

const TASKS = new URL('../support/agent-tasks.js', import.meta.url);
const task = <I, O>(name: string, idempotent = false) => agentTask<I, O>(TASKS, name, { idempotent });
type ChunkSum = { sum: number; offset: number; shared: boolean; backingBytes: number };
const sumChunk = task<MapChunk<Float64Array>, ChunkSum>('sumChunk');

const SETTINGS: AgentPoolSettings = {
  minThreads: 2,
  maxThreads: 2,
  idleTimeoutMs: 60_000,
  maxQueue: 8,
  taskTimeoutMs: 5_000,
  maxMemoryMb: 64,
  healthIntervalMs: 0,
  dispatch: 'least-busy',
  atomics: 'sync',
  retries: 1,
};

describe('AgentPool (real worker threads)', () => {
  let pool: AgentPool;
  const make = (overrides: Partial<AgentPoolSettings> = {}) => (pool = new AgentPool({ ...SETTINGS, ...overrides }));
  afterEach(async () => pool?.close(1000));

  it('runs a task in a worker thread and returns its value', async () => {
    make();
    await expect(pool.run(task('echo'), { a: [1, 2] })).resolves.toEqual({ a: [1, 2] });
    expect(await pool.run(task<void, number>('whichThread'), undefined)).toBeGreaterThan(0);
    expect(pool.report().tasks).toMatchObject({ submitted: 2, completed: 2, failed: 0 });
  });

  it('counts the timeout from when the task starts, not from when it was queued', async () => {
    make({ minThreads: 1, maxThreads: 1 });
    // The second task waits ~400 ms for the only thread, then runs 300 ms: inside its 500 ms limit.
    const first = pool.run(task('spin'), 400, { timeoutMs: 2000 });
    const second = pool.run(task('spin'), 300, { timeoutMs: 500 });
    await expect(Promise.all([first, second])).resolves.toEqual([400, 300]);
  });

  it('stops a task that runs past its timeout, replaces its thread, and keeps serving', async () => {
    make();
    const started = Date.now();
    await expect(pool.run(task('spin'), 60_000, { timeoutMs: 200 })).rejects.toBeInstanceOf(AgentTaskTimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
    await expect(pool.run(task('double'), 21)).resolves.toBe(42);
    expect(pool.report()).toMatchObject({ tasks: { timedOut: 1 }, workersReplaced: 1 });
  });

  it('tells a task that threw from a worker that died, and replaces the dead one', async () => {
    make();
    const thrown = await pool.run(task('fail'), 'bad input').catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(AgentTaskFailedError);
    expect((thrown as AgentTaskFailedError).message).toContain('bad input');
    await expect(pool.run(task('crash'), undefined)).rejects.toBeInstanceOf(AgentWorkerCrashedError);
    await expect(pool.run(task('double'), 2)).resolves.toBe(4);
    expect(pool.report().workersReplaced).toBe(1);
  });

  it('replaces a worker that exceeds its memory limit', async () => {
    make({ maxMemoryMb: 32 });
    await expect(pool.run(task('hogMemory'), undefined)).rejects.toBeInstanceOf(AgentWorkerCrashedError);
    await expect(pool.run(task('double'), 5)).resolves.toBe(10);
  });

  it('runs an idempotent task again when its worker died', async () => {
    make();
    const dir = mkdtempSync(join(tmpdir(), 'hotpath-agents-'));
    try {
      await expect(pool.run(task('crashOnce', true), join(dir, 'crashed'))).resolves.toBe('recovered');
      expect(pool.report().tasks.retried).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses at once when the queue is full, without waiting', async () => {
    make({ minThreads: 1, maxThreads: 1, maxQueue: 2 });
    const busy = [pool.run(task('sleep'), 300), pool.run(task('sleep'), 10), pool.run(task('sleep'), 10)];
    const started = Date.now();
    await expect(pool.run(task('sleep'), 10)).rejects.toBeInstanceOf(AgentPoolSaturatedError);
    expect(Date.now() - started).toBeLessThan(50);
    await Promise.all(busy);
    expect(pool.report().tasks.rejectedQueueFull).toBe(1);
  });

  it('aborts a queued or running task when the caller aborts', async () => {
    make({ minThreads: 1, maxThreads: 1 });
    const controller = new AbortController();
    const running = pool.run(task('spin'), 60_000, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(running).rejects.toBeInstanceOf(AgentTaskAbortedError);
    await expect(pool.run(task('double'), 1)).resolves.toBe(2);
  });

  it('pings idle workers and replaces one that does not answer', async () => {
    // With atomics 'async' an idle thread runs its event loop, so a timer a task left behind can wedge it.
    make({ minThreads: 1, maxThreads: 1, healthIntervalMs: 200, atomics: 'async' });
    await expect(pool.run(task('wedgeAfterReturn'), undefined)).resolves.toBe('ok');
    await waitFor(() => pool.report().pingFailures >= 1, 3000);
    await expect(pool.run(task('double'), 4)).resolves.toBe(8);
    expect(pool.report()).toMatchObject({ tasks: { submitted: 2, completed: 2 }, workersReplaced: 1 });
  });

  it('map-reduce: chunks of a shared buffer arrive as views of the same memory, others as copies of the chunk only', async () => {
    make();
    const shared = new Float64Array(new SharedArrayBuffer(8 * 10_000));
    shared.forEach((_, i) => (shared[i] = i));
    const partials: ChunkSum[] = [];
    const sum = await mapReduce(pool, shared, { chunkSize: 2500 }, sumChunk, (parts: typeof partials) => {
      partials.push(...parts);
      return parts.reduce((total, p) => total + p.sum, 0);
    });
    expect(sum).toBe((9999 * 10_000) / 2);
    expect(partials.map((p) => [p.offset, p.shared])).toEqual([[0, true], [2500, true], [5000, true], [7500, true]]);
    partials.length = 0;
    const plain = new Float64Array(10_000).map((_, i) => i);
    await mapReduce(pool, plain, { chunkSize: 5000 }, sumChunk, (parts: typeof partials) => partials.push(...parts));
    // Only the chunk (5,000 x 8 bytes) crossed, not the whole 80,000-byte buffer.
    expect(partials.map((p) => [p.shared, p.backingBytes])).toEqual([[false, 40_000], [false, 40_000]]);
    expect(plain[9999]).toBe(9999);
  });

  it('map-reduce over row ranges of shared columns', async () => {
    make();
    const values = new Float64Array(new SharedArrayBuffer(8 * 1000)).fill(2);
    const total = await mapReduceRanges(pool, values.length, { values }, { chunkSize: 300 }, task<{ from: number; to: number; context: { values: Float64Array } }, number>('sumRange'), (parts: number[]) => parts.reduce((a, b) => a + b, 0));
    expect(total).toBe(2000);
  });

  it('pipeline: each input goes through every stage in order', async () => {
    make();
    const run = pipeline(pool, [task('double'), task('addOne'), task('double')]);
    await expect(run([1, 2, 3])).resolves.toEqual([6, 10, 14]);
  });

  it('scatter-gather returns what finished in time and names the agents that did not', async () => {
    make();
    const result = await scatterGather(pool, { fast: task('sleep'), slow: task('spin'), broken: task('fail') }, 50, { timeoutMs: 400 });
    expect(result.results).toEqual({ fast: 50, slow: 50 });
    expect(result.failed).toEqual({ broken: { code: 'AGENTS.TASK_FAILED', message: expect.stringContaining('50') } });
    const late = await scatterGather(pool, { fast: task('sleep'), stuck: task('spin') }, 1500, { timeoutMs: 300 });
    expect(late).toEqual({ results: {}, timedOut: ['fast', 'stuck'], failed: {} });
    await expect(pool.run(task('double'), 3)).resolves.toBe(6);
  });

  it('round-robin dispatch spreads sequential tasks over every thread', async () => {
    make({ dispatch: 'round-robin' });
    await waitFor(() => pool.report().threads.current === 2, 3000);
    const threads = new Set<number>();
    for (let i = 0; i < 6; i++) threads.add(await pool.run(task<void, number>('whichThread'), undefined));
    expect(threads.size).toBe(2);
  });

  it('close lets running tasks finish and refuses new ones', async () => {
    make();
    const running = pool.run(task('sleep'), 200);
    const closing = pool.close(5000);
    await expect(pool.run(task('double'), 1)).rejects.toMatchObject({ code: 'AGENTS.POOL_CLOSED' });
    await expect(running).resolves.toBe(200);
    await closing;
  });
});
