import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestGateProvider } from '../gates/request-gate.decorator.js';
import { addGateHeader } from '../gates/gate-headers.js';
import type { RequestGate } from '../gates/request-gate.js';
import { CORS_OPTIONS } from './cors.js';
import { HTTP_EXPOSURE_OPTIONS } from './http-exposure.module-definition.js';
import type { HttpExposureModuleOptions } from './http-exposure.options.js';

/** The route that answers CORS preflights, for every path. */
export const CORS_PREFLIGHT_PATH = '*';

/** After the security headers, before identity and rate limits: their refusals must be readable by an allowed origin. */
export const CORS_GATE_ORDER = 1;

const EXPOSED = CORS_OPTIONS.exposedHeaders.join(', ');
const ALLOWED_METHODS = CORS_OPTIONS.methods.join(', ');
const ALLOWED_HEADERS = CORS_OPTIONS.allowedHeaders.join(', ');
const MAX_AGE = String(CORS_OPTIONS.maxAgeSeconds);

/**
 * CORS by `corsOrigins`, as a request gate so pre-routed cache hits carry it (@fastify/cors adds
 * a Fastify hook those hits would skip). An allowed origin is echoed (or `*`) with the exposed
 * headers; a preflight also gets the allowed methods and headers, and an OPTIONS route answers
 * it 204. Every answer says `Vary: Origin` while origins are listed. No origins: nothing at all.
 */
@Injectable()
@RequestGateProvider(CORS_GATE_ORDER)
export class CorsGate implements RequestGate, OnModuleInit {
  private readonly any: boolean;
  private readonly origins: ReadonlySet<string>;

  constructor(
    @Inject(HTTP_EXPOSURE_OPTIONS) options: HttpExposureModuleOptions,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.any = options.corsOrigins.includes('*');
    this.origins = new Set(options.corsOrigins);
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || this.origins.size === 0) return;
    fastify.options(CORS_PREFLIGHT_PATH, (request, reply) => {
      if (request.headers.origin === undefined || request.headers['access-control-request-method'] === undefined) return reply.callNotFound();
      return reply.code(204).send();
    });
  }

  check(request: IncomingMessage, response: ServerResponse): void {
    if (this.origins.size === 0) return;
    if (!this.any) addGateHeader(response, 'vary', 'Origin');
    const origin = request.headers.origin;
    if (origin === undefined || !(this.any || this.origins.has(origin))) return;
    addGateHeader(response, 'access-control-allow-origin', this.any ? '*' : origin);
    addGateHeader(response, 'access-control-expose-headers', EXPOSED);
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      addGateHeader(response, 'access-control-allow-methods', ALLOWED_METHODS);
      addGateHeader(response, 'access-control-allow-headers', ALLOWED_HEADERS);
      addGateHeader(response, 'access-control-max-age', MAX_AGE);
    }
  }
}
