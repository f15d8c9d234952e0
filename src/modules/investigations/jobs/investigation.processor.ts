import { Injectable, Logger } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../../../config/index.js';
import { TieredCache } from '../../../platform/cache/index.js';
import { INVESTIGATIONS_QUEUE, type Job, QueueProcessor, workerSettings } from '../../../platform/jobs/index.js';
import { AnalysisRunner, type Finding, loadContractColumns } from '../../analysis/index.js';
import { investigationTags } from '../domain/investigation-cache-tags.js';
import { AgentsUnfinishedError, publicFailure } from '../domain/investigation.errors.js';
import { InvestigationsRepository } from '../infrastructure/investigations.repository.js';
import { scopeCondition } from '../infrastructure/scope-filter.js';

/** Progress after loading the scope; the agents share the rest up to 100. */
const LOADED = 30;

/**
 * Runs an investigation in the worker: streams the contracts in scope into columns, runs the
 * agents on the agent pool, stores the findings and its end event in one transaction. Every
 * step bumps the investigation's cache tag so readers see progress. A failed attempt is retried
 * by BullMQ; the last one marks the investigation failed.
 */
@Injectable()
export class InvestigationProcessor extends QueueProcessor {
  private readonly logger = new Logger('Investigations');

  constructor(
    private readonly investigations: InvestigationsRepository,
    private readonly runner: AnalysisRunner,
    private readonly cache: TieredCache,
    private readonly config: AppConfig,
  ) {
    super(INVESTIGATIONS_QUEUE, workerSettings(config.jobs, config.jobs.concurrency.investigations), config.http.shutdownTimeoutMs);
  }

  async process(job: Job<{ id: string }>): Promise<{ contracts: number; findings: Record<string, number>; timings: Record<string, unknown> } | { skipped: string }> {
    const { id } = job.data;
    if (!(await this.investigations.start(id))) return { skipped: 'already finished' };
    try {
      return await this.run(job, id);
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        this.logger.error({ msg: 'investigation failed', id, err: error });
        await this.investigations.fail(id, publicFailure(error));
        await this.touched(id);
      }
      throw error;
    }
  }

  private async run(job: Job<{ id: string }>, id: string): Promise<{ contracts: number; findings: Record<string, number>; timings: Record<string, unknown> }> {
    const investigation = await this.investigations.findById(id);
    await this.step(job, id, 5);
    let started = performance.now();
    const columns = await this.load(investigation.scope);
    const loadMs = Math.round(performance.now() - started);
    await this.step(job, id, LOADED, columns.count);
    let done = 0;
    const steps: Promise<void>[] = [];
    const run = await this.runner.run(columns, investigation.agents, {
      timeoutMs: this.config.agents.taskTimeoutMs,
      onAgentDone: () => void steps.push(this.step(job, id, LOADED + Math.floor(((100 - LOADED - 5) * ++done) / investigation.agents.length)).catch(() => undefined)),
    });
    await Promise.all(steps);
    const failed = Object.keys(run.failed);
    if (run.timedOut.length > 0 || failed.length > 0) throw new AgentsUnfinishedError(run.timedOut, failed);
    started = performance.now();
    const findings: Finding[] = investigation.agents.flatMap((agent) => run.findings[agent] ?? []);
    const counts = await this.investigations.complete(id, findings);
    const storeMs = Math.round(performance.now() - started);
    await job.updateProgress(100);
    await this.touched(id);
    const timings = { loadMs, ...run.timings, storeMs };
    this.logger.log({ msg: 'investigation completed', id, contracts: columns.count, findings: findings.length, timings });
    return { contracts: columns.count, findings: counts, timings };
  }

  private async load(scope: Parameters<typeof scopeCondition>[0]) {
    const client = new Client({ connectionString: this.config.database.url, application_name: 'hotpath-investigations' });
    await client.connect();
    try {
      return await loadContractColumns(client, undefined, scopeCondition(scope, (value) => client.escapeLiteral(value)));
    } finally {
      await client.end();
    }
  }

  private async step(job: Job, id: string, progress: number, contracts?: number): Promise<void> {
    await this.investigations.progress(id, progress, contracts);
    await job.updateProgress(progress);
    await this.touched(id);
  }

  private touched(id: string): Promise<void> {
    return this.cache.invalidateTags([investigationTags.one(id), investigationTags.list]);
  }
}
