import { AppConfig } from './config/index.js';
import { DOCS_PATH, type HttpExposureModuleOptions } from './platform/http/index.js';

/** The security headers' and CORS gates' options from the configuration. */
export function httpExposureOptions(config: AppConfig): HttpExposureModuleOptions {
  return { corsOrigins: config.http.corsOrigins, docsPath: config.http.docsEnabled ? DOCS_PATH : undefined, securityHeaders: config.http.securityHeaders };
}
