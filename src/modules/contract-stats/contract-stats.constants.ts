/** Advisory lock of the contract stats projection: live batches hold it shared, a rebuild exclusively. */
export const CONTRACT_STATS_LOCK = 7_003_700_113;
/** The consumer group of the live projection. */
export const CONTRACT_STATS_GROUP = 'projections.stats';
