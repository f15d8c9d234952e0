import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { nestsDeeperThan } from './json-depth.js';
import { JsonTooDeepError } from './json-too-deep.error.js';

/** Deeper than any body this API takes (contract metadata included); a 12 KB body can nest 6,000 deep. */
export const DEFAULT_MAX_JSON_DEPTH = 32;

/**
 * Replaces the JSON body parser with Fastify's own (prototype-poisoning checks included) behind
 * a depth limit checked on the raw bytes, before anything recursive (the parser's poisoning
 * scan, class-transformer, validation) walks the value: a deeper body is 400 `REQUEST.TOO_DEEP`.
 * Call before the application is initialised.
 */
export function useDepthLimitedJsonParser(app: NestFastifyApplication, bodyLimit: number, maxDepth = DEFAULT_MAX_JSON_DEPTH): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', { bodyLimit }, (request, body, done) => {
    if (nestsDeeperThan(body, maxDepth)) return done(new JsonTooDeepError(maxDepth), undefined);
    parse(request, body as unknown as string, done);
  });
}
