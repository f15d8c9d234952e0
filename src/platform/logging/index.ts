export { LoggingModule } from './logging.module.js';
export { createProcessLogger } from './process-logger.js';
export { registerRequestLogging } from './request-logging.js';
