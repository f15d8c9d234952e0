/** Advisory lock of the contract stats projection: live batches hold it shared, a rebuild exclusively. */
export const CONTRACT_STATS_LOCK = 7_003_700_113;
/** The consumer group of the live projection. */
export const CONTRACT_STATS_GROUP = 'projections.stats';
/** How long a live event waits for a running rebuild before its delivery fails (and is retried). */
export const CONTRACT_STATS_LOCK_WAIT_MS = 5000;
/**
 * Deliveries before dead letters. Above the runtime's default: each failed delivery during a
 * rebuild costs the lock wait plus a retry delay, so 50 ride out a rebuild of about ten minutes.
 */
export const CONTRACT_STATS_MAX_DELIVERIES = 50;
