export { closeOnSignal } from './graceful-shutdown.js';
export type { Closable } from './graceful-shutdown.js';
export { runCluster } from './cluster.js';
export { logUnhandledRejections } from './unhandled-rejections.js';
