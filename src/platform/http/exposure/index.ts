export { HttpExposureModule } from './http-exposure.module.js';
export type { HttpExposureModuleOptions } from './http-exposure.options.js';
export { API_HELMET_OPTIONS, DOCS_HELMET_OPTIONS, helmetHeaders } from './security-headers.js';
export type { HeaderList } from './security-headers.js';
export { SecurityHeadersGate, SECURITY_HEADERS_GATE_ORDER } from './security-headers.gate.js';
export { CORS_OPTIONS } from './cors.js';
export { CorsGate, CORS_GATE_ORDER, CORS_PREFLIGHT_PATH } from './cors.gate.js';
export { clientErrorHandler, routerErrorHandler } from './framework-errors.js';
