/** What a browser may send and read across origins: the API's methods, its request headers, and the headers a client acts on. */
export const CORS_OPTIONS = {
  methods: ['GET', 'HEAD', 'POST', 'PATCH'],
  allowedHeaders: ['content-type', 'authorization', 'if-none-match', 'x-request-id'],
  exposedHeaders: ['etag', 'location', 'retry-after', 'x-cache', 'x-request-id', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'],
  maxAgeSeconds: 600,
} as const;
