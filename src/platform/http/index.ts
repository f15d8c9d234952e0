export { HttpPlatformModule } from './http.module.js';
export { fastifyOptions, requestId } from './fastify-options.js';
export type { HttpSettings } from './fastify-options.js';
export { toErrorBody } from './to-error-body.js';
export type { ErrorBody } from './error-body.js';
export { createValidationPipe } from './validation.pipe.js';
export { RequestTimeoutError } from './request-timeout.error.js';
export { configureHttpApp } from './configure-app.js';
export { AdminTokenGuard, AdminDisabledError, AdminUnauthorizedError } from './admin-token.guard.js';
