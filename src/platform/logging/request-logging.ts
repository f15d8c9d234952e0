import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';

type Level = 'error' | 'warn' | 'info';

const levelOf = (statusCode: number): Level => (statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info');

export function requestLogEnabled(level: Level): boolean {
  return PinoLogger.root?.isLevelEnabled(level) ?? false;
}

/** The one `request completed` line of a request (5xx error, 4xx warn, else info); nothing is built when the level is off. */
export function logRequestCompleted(reqId: string, method: string, url: string, statusCode: number, responseTimeMs: number): void {
  const level = levelOf(statusCode);
  const logger = PinoLogger.root;
  if (logger?.isLevelEnabled(level)) logger[level]({ reqId, method, url, statusCode, responseTime: Math.round(responseTimeMs * 10) / 10 }, 'request completed');
}

/**
 * Logs every request from a Fastify onResponse hook. It replaces nestjs-pino's per-request
 * middleware: measured in one bench run, that middleware (middie + pino-http +
 * AsyncLocalStorage) held warm-cache GETs at 32k req/s, against 50k without it.
 */
export function registerRequestLogging(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', function logRequest(request, reply, done) {
    logRequestCompleted(request.id, request.method, request.url, reply.statusCode, reply.elapsedTime);
    done();
  });
}
