import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../error-body.js';
import { API_HELMET_OPTIONS, helmetHeaders } from './security-headers.js';

const API_HEADERS = helmetHeaders(API_HELMET_OPTIONS);

const ROUTER_CODES: Readonly<Record<string, string>> = {
  FST_ERR_BAD_URL: 'REQUEST.BAD_URL',
};

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'REQUEST.MALFORMED',
  408: 'REQUEST.TIMEOUT',
  414: 'REQUEST.URL_TOO_LONG',
  431: 'REQUEST.HEADERS_TOO_LARGE',
};

/**
 * Fastify's router rejections (a path whose percent-encoding is invalid, a parameter over
 * `maxParamLength`) happen before any hook: answered here in the standard error body, with the
 * security headers the hooks would have set.
 */
export function routerErrorHandler(error: Error & { code?: string; statusCode?: number }, _request: FastifyRequest, reply: FastifyReply): void {
  const statusCode = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const body: ErrorBody = { statusCode, code: ROUTER_CODES[error.code ?? ''] ?? CODE_BY_STATUS[statusCode] ?? 'REQUEST.INVALID', message: error.message };
  for (const [name, value] of API_HEADERS) reply.raw.setHeader(name, value);
  void reply.code(statusCode).header('cache-control', 'no-store').send(body);
}

const SOCKET_CODES: Readonly<Record<string, number>> = { HPE_HEADER_OVERFLOW: 431, ERR_HTTP_REQUEST_TIMEOUT: 408 };

/**
 * Node's HTTP parser refusals (bad characters in the request line or a header, an unknown
 * method, headers over the size limit, a malformed length) reach no route: the connection gets
 * the standard error body and is closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable && socket.bytesWritten === 0) {
    const statusCode = SOCKET_CODES[error.code ?? ''] ?? 400;
    const message = statusCode === 431 ? 'Request headers (the URL included) are too large' : statusCode === 408 ? 'Request timed out' : 'Malformed HTTP request';
    const body = JSON.stringify({ statusCode, code: CODE_BY_STATUS[statusCode], message } satisfies ErrorBody);
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n${API_HEADERS.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n${body}`,
    );
  }
  socket.destroy(error);
}
