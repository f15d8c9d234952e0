import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestId } from './fastify-options.js';
import { toErrorBody } from './to-error-body.js';

/**
 * Writes the standard error body straight to Node's response, for answers made before Fastify
 * has a reply (a request gate refusing a pre-routed request). Headers already set on
 * `response` go out with it.
 */
export function writeErrorResponse(request: IncomingMessage, response: ServerResponse, error: unknown): void {
  const { body, retryAfterSeconds } = toErrorBody(error);
  const text = JSON.stringify(body);
  if (retryAfterSeconds !== undefined) response.setHeader('retry-after', retryAfterSeconds);
  response.writeHead(body.statusCode, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-request-id': requestId(request),
  });
  response.end(text);
}
