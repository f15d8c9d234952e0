import type { Queue } from 'bullmq';

/**
 * Makes the queue's scheduler `id` produce a job named `name` every `everySeconds` (0 removes
 * it). Upserting is idempotent, so every process may call it at start-up: one scheduler, one
 * next job, however many processes run.
 *
 * The first job runs one interval after the scheduler is created, not at once (BullMQ's
 * default for `every`): start-up work has its own switches (CACHE_WARM_ON_START), and a
 * fresh Redis would otherwise run every schedule at each start. The start date only counts
 * when there is no next run yet: upserting an existing scheduler with the same interval keeps
 * its next run where it was, so restarts never push a schedule off.
 */
export async function syncJobScheduler(queue: Queue, id: string, everySeconds: number, name = id, data: Record<string, unknown> = {}): Promise<void> {
  if (everySeconds <= 0) {
    await queue.removeJobScheduler(id);
    return;
  }
  const every = everySeconds * 1000;
  await queue.upsertJobScheduler(id, { every, startDate: Date.now() + every }, { name, data });
}
