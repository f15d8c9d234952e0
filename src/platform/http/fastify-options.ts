import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import { clientErrorHandler, routerErrorHandler } from './exposure/framework-errors.js';

export interface HttpSettings {
  keepAliveMs: number;
  maxRequestBytes: number;
  requestTimeoutMs: number;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Honours a sane incoming `x-request-id` so a request can be traced across services. The id is
 * kept on the raw request so the request logger and Fastify share it.
 */
export function requestId(req: IncomingMessage): string {
  const raw = req as { id?: unknown };
  if (typeof raw.id === 'string') return raw.id;
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  raw.id = id;
  return id;
}

/**
 * Server-level limits: body size (413 above), keep-alive, and a socket-level request timeout
 * kept above the application's own timeout so the app answers 503 before the socket is cut.
 */
export function fastifyOptions(settings: HttpSettings): FastifyServerOptions & { skipMiddie: boolean } {
  return {
    // Hotpath applies no Nest middleware (request logging is a Fastify hook): without middie,
    // no request pays for its onRequest hook.
    skipMiddie: true,
    bodyLimit: settings.maxRequestBytes,
    keepAliveTimeout: settings.keepAliveMs,
    requestTimeout: settings.requestTimeoutMs + 5000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    genReqId: requestId,
    requestIdHeader: false,
    logger: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: routerErrorHandler,
    clientErrorHandler,
  };
}
