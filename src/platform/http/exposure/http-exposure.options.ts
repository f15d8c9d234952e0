export interface HttpExposureModuleOptions {
  /** Origins allowed by CORS (`*`: any); empty sends no CORS headers and answers no preflight. */
  corsOrigins: readonly string[];
  /** Path of the OpenAPI UI, whose responses get the docs profile of the security headers; undefined when it is off. */
  docsPath?: string;
  /** False: no security headers (a proxy in front sets them). True by default. */
  securityHeaders?: boolean;
}
