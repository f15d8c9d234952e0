import helmet, { type HelmetOptions } from 'helmet';

/**
 * Security headers of JSON responses (OWASP's REST profile): nothing may be loaded or framed
 * from them, their type is not sniffed, no referrer leaves, other origins may not embed them,
 * HTTPS is pinned for a year. Helmet's headers that only act on HTML documents (opener policy,
 * origin-agent-cluster, DNS prefetch, IE download and XSS-filter switches, Flash/PDF policies)
 * are left out: every one costs a pre-routed hit its share of the answer.
 */
export const API_HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: { policy: 'same-origin' },
  originAgentCluster: false,
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: { action: 'deny' },
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};

/** The OpenAPI UI (an HTML page): helmet's document headers, its own scripts, styles (it sets inline ones), data: images and the document it fetches. */
export const DOCS_HELMET_OPTIONS: Readonly<HelmetOptions> = {
  crossOriginResourcePolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  xFrameOptions: { action: 'deny' },
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
  },
};

export type HeaderList = readonly (readonly [string, string])[];

/** The headers helmet sets for `options`, computed once: they do not vary by request. */
export function helmetHeaders(options: Readonly<HelmetOptions>): HeaderList {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  helmet(options)({} as never, response as never, () => undefined);
  return [...headers];
}
