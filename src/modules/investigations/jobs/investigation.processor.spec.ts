import { AppConfig } from '../../../config/index.js';
import type { TieredCache } from '../../../platform/cache/index.js';
import type { Job } from '../../../platform/jobs/index.js';
import type { AnalysisRun, AnalysisRunner } from '../../analysis/index.js';
import type { InvestigationsRepository } from '../infrastructure/investigations.repository.js';
import { InvestigationProcessor } from './investigation.processor.js';

/** An investigations repository in memory: what the processor reads and what it records. */
function fakeRepository(status: 'queued' | 'running' | 'completed') {
  const calls: string[] = [];
  const repo = {
    start: async () => (calls.push('start'), status !== 'completed'),
    findById: async (id: string) => ({ id, scope: {}, agents: ['benford'], status: 'running' }),
    progress: async (_id: string, p: number) => void calls.push(`progress:${p}`),
    complete: async () => (calls.push('complete'), { benford: 1 }),
    fail: async (_id: string, error: string) => void calls.push(`fail:${error}`),
  };
  return { repo: repo as unknown as InvestigationsRepository, calls };
}

const job = (attemptsMade: number, attempts = 2) => ({ data: { id: 'inv-1' }, attemptsMade, opts: { attempts }, updateProgress: async () => undefined }) as unknown as Job<{ id: string }>;
const cache = { invalidateTags: async () => undefined } as unknown as TieredCache;
const timedOut: AnalysisRun = { findings: {}, timedOut: ['benford'], failed: {}, timings: { shareMs: 0, computeMs: 0, byAgentMs: {} } };

function processor(repo: InvestigationsRepository, run: AnalysisRun): InvestigationProcessor {
  const runner = { run: async () => run } as unknown as AnalysisRunner;
  const p = new InvestigationProcessor(repo, runner, cache, AppConfig.fromEnv({}));
  // The scope's contracts come from Postgres in production; an empty set is enough here.
  (p as unknown as { load: () => Promise<{ count: number }> }).load = async () => ({ count: 0 });
  return p;
}

describe('InvestigationProcessor', () => {
  it('rethrows an attempt whose agents did not finish, and marks the investigation failed only on the last attempt', async () => {
    const first = fakeRepository('queued');
    await expect(processor(first.repo, timedOut).process(job(0))).rejects.toThrow('benford (timed out)');
    expect(first.calls.some((c) => c.startsWith('fail'))).toBe(false);

    const last = fakeRepository('running');
    await expect(processor(last.repo, timedOut).process(job(1))).rejects.toThrow('benford (timed out)');
    expect(last.calls).toContain('fail:agents did not finish: benford (timed out)');
    expect(last.calls).not.toContain('complete');
  });

  it('records a fixed message for an unexpected failure, never the exception text', async () => {
    const { repo, calls } = fakeRepository('running');
    const p = processor(repo, timedOut);
    (p as unknown as { load: () => Promise<never> }).load = async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.5:5432 (user hotpath_app)');
    };
    await expect(p.process(job(1))).rejects.toThrow('ECONNREFUSED');
    const failure = calls.find((c) => c.startsWith('fail:'));
    expect(failure).toBe('fail:the analysis failed (INVESTIGATION.RUN_FAILED); the cause is in the worker log');
  });

  it('stores the findings when every agent finished', async () => {
    const { repo, calls } = fakeRepository('queued');
    const done: AnalysisRun = { ...timedOut, timedOut: [], findings: { benford: [{ agent: 'benford', severity: 'high', score: 0.2, evidence: {} }] } };
    await expect(processor(repo, done).process(job(0))).resolves.toMatchObject({ findings: { benford: 1 } });
    expect(calls).toContain('complete');
  });

  it('skips an investigation an earlier attempt already finished', async () => {
    const { repo, calls } = fakeRepository('completed');
    await expect(processor(repo, timedOut).process(job(0))).resolves.toEqual({ skipped: 'already finished' });
    expect(calls).toEqual(['start']);
  });
});
