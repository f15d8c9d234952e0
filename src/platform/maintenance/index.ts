export { MaintenanceModule } from './maintenance.module.js';
export { OUTBOX_CLEANUP_JOB, STATS_JOB, STREAM_TRIM_JOB } from './maintenance.constants.js';
