import fastifyCors from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** What a browser may send and read across origins: the API's methods, its request headers, and the headers a client acts on. */
export const CORS_OPTIONS = {
  methods: ['GET', 'HEAD', 'POST', 'PATCH'],
  allowedHeaders: ['content-type', 'authorization', 'if-none-match', 'x-request-id'],
  exposedHeaders: ['etag', 'location', 'retry-after', 'x-cache', 'x-request-id', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'],
  credentials: false,
  maxAge: 600,
} as const;

/**
 * CORS for `origins` (`*` for any) with @fastify/cors: preflights answered, the allowed origin
 * echoed. No origins: nothing is registered, so responses carry no CORS header at all.
 */
export async function registerCors(app: NestFastifyApplication, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  await app.register(fastifyCors as never, { ...CORS_OPTIONS, origin: origins.includes('*') ? '*' : [...origins] });
}
