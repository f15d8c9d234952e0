import { randomUUID } from 'node:crypto';

export interface WarmerProgress {
  name: string;
  done: number;
  total: number;
  error?: string;
}

export interface WarmJob {
  id: string;
  trigger: 'startup' | 'admin' | 'schedule';
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  finishedAt?: string;
  warmers: WarmerProgress[];
}

const KEPT_JOBS = 20;

/** The last warm jobs of this instance, newest last. */
export class WarmJobs {
  private readonly jobs = new Map<string, WarmJob>();

  start(trigger: WarmJob['trigger'], warmers: string[]): WarmJob {
    const job: WarmJob = { id: randomUUID(), trigger, status: 'running', startedAt: new Date().toISOString(), warmers: warmers.map((name) => ({ name, done: 0, total: 0 })) };
    this.jobs.set(job.id, job);
    for (const id of this.jobs.keys()) {
      if (this.jobs.size <= KEPT_JOBS) break;
      this.jobs.delete(id);
    }
    return job;
  }

  get(id: string): WarmJob | undefined {
    return this.jobs.get(id);
  }

  running(): WarmJob | undefined {
    return [...this.jobs.values()].find((j) => j.status === 'running');
  }
}
