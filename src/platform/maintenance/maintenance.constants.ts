/** Job (and job scheduler) names of the maintenance queue. */
export const OUTBOX_CLEANUP_JOB = 'outbox-cleanup';
export const STREAM_TRIM_JOB = 'stream-trim';
export const STATS_JOB = 'stats';
