/** Analysis runs of an investigation; its processor arrives with the agents module. */
export const INVESTIGATIONS_QUEUE = 'investigations';
/** Cache warming runs (on demand and on the CACHE_WARM_INTERVAL schedule). */
export const CACHE_WARM_QUEUE = 'cache-warm';
/** Outbox cleanup, event stream trimming and queue/stream stats, on job schedulers. */
export const MAINTENANCE_QUEUE = 'maintenance';

export const JOB_QUEUES = [INVESTIGATIONS_QUEUE, CACHE_WARM_QUEUE, MAINTENANCE_QUEUE] as const;

/** The queue names registered in this application (an array of strings). */
export const JOB_QUEUE_NAMES = 'hotpath:jobs:queue-names';
/** The registered queues themselves (an array of BullMQ `Queue`). */
export const REGISTERED_QUEUES = 'hotpath:jobs:queues';
