import type { IncomingMessage, ServerResponse } from 'node:http';
import { byteLengthOf, type CacheEntry } from '../cache-entry.js';
import { ifNoneMatchHits } from './if-none-match.js';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Hot path: writes a hit straight to Node's response, one `writeHead` of a flat header list
 * (`headers`, which it extends, plus the cache's own; any set earlier with `setHeader` Node merges in),
 * and answers 304 when If-None-Match matches the entry's ETag. Returns the status sent.
 */
export function writeHit(request: IncomingMessage, response: ServerResponse, entry: CacheEntry, cacheState: string, cacheControl: string, headers: (string | number)[]): number {
  headers.push('cache-control', cacheControl, 'etag', entry.etag, 'x-cache', cacheState);
  if (ifNoneMatchHits(request.headers['if-none-match'], entry.etag)) {
    response.writeHead(304, headers).end();
    return 304;
  }
  headers.push('content-type', JSON_CONTENT_TYPE, 'content-length', byteLengthOf(entry));
  response.writeHead(200, headers).end(entry.raw);
  return 200;
}
