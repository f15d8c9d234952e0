import type { Queue } from 'bullmq';

/**
 * Makes the queue's scheduler `id` produce a job named `name` every `everySeconds` (0 removes
 * it). Upserting is idempotent, so every process may call it at start-up: one scheduler, one
 * next job, however many processes run.
 */
export async function syncJobScheduler(queue: Queue, id: string, everySeconds: number, name = id, data: Record<string, unknown> = {}): Promise<void> {
  if (everySeconds <= 0) {
    await queue.removeJobScheduler(id);
    return;
  }
  await queue.upsertJobScheduler(id, { every: everySeconds * 1000 }, { name, data });
}
