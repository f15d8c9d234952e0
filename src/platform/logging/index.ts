export { LoggingModule } from './logging.module.js';
export { createProcessLogger } from './process-logger.js';
export { logRequestCompleted, registerRequestLogging, requestLogEnabled } from './request-logging.js';
