import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestId } from './fastify-options.js';
import { takeGateHeaders } from './gates/gate-headers.js';
import { toErrorBody } from './to-error-body.js';

/**
 * Writes the standard error body straight to Node's response, for answers made before Fastify
 * has a reply (a request gate refusing a pre-routed request). The headers gates added go out
 * with it.
 */
export function writeErrorResponse(request: IncomingMessage, response: ServerResponse, error: unknown): void {
  const { body, retryAfterSeconds } = toErrorBody(error);
  const text = JSON.stringify(body);
  const headers = takeGateHeaders(response);
  if (retryAfterSeconds !== undefined) headers.push('retry-after', retryAfterSeconds);
  headers.push('content-type', 'application/json; charset=utf-8', 'content-length', Buffer.byteLength(text), 'cache-control', 'no-store', 'x-request-id', requestId(request));
  response.writeHead(body.statusCode, headers);
  response.end(text);
}
