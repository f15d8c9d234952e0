import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { addGateHeader, type GateRoute, type RequestGate, RequestGateProvider } from '../http/index.js';
import { RATE_LIMIT_BUDGET, READ_BUDGET, WRITE_BUDGET } from './rate-limit.constants.js';
import { RateLimitedError } from './rate-limit.errors.js';
import { RATE_LIMIT_OPTIONS } from './rate-limit.module-definition.js';
import type { RateLimitModuleOptions } from './rate-limit.options.js';
import { RateLimitSubjects } from './rate-limit-subjects.js';
import { RateLimiter } from './rate-limiter.js';

/** After the identity gate (10), which leaves the caller on the request. */
export const RATE_LIMIT_GATE_ORDER = 20;

/**
 * Hot path, for every request (pre-routed cache hits included): takes a token from the caller's
 * bucket of the route's budget, synchronously, and sets `RateLimit-Limit` (the burst),
 * `RateLimit-Remaining` and `RateLimit-Reset` (seconds until the bucket is full again), both as
 * this instance sees them; over budget it refuses with 429 `REQUEST.RATE_LIMITED` and
 * `Retry-After` (seconds until this instance may admit the caller again).
 */
@Injectable()
@RequestGateProvider(RATE_LIMIT_GATE_ORDER)
export class RateLimitGate implements RequestGate {
  private readonly enabled: boolean;
  private readonly exempt: (request: IncomingMessage) => boolean;

  constructor(
    @Inject(RATE_LIMIT_OPTIONS) options: RateLimitModuleOptions,
    private readonly limiter: RateLimiter,
    private readonly subjects: RateLimitSubjects,
  ) {
    this.enabled = options.enabled;
    this.exempt = options.exempt ?? (() => false);
  }

  check(request: IncomingMessage, response: ServerResponse, route: GateRoute): void {
    if (!this.enabled || this.exempt(request)) return;
    const method = request.method;
    const budget = (route[RATE_LIMIT_BUDGET] as string | undefined) ?? (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? READ_BUDGET : WRITE_BUDGET);
    const subject = this.subjects.keyed(request);
    const table = this.limiter.table(budget, subject === undefined ? 'anonymous' : 'key');
    if (table === undefined) return;
    const bucket = table.take(subject === undefined ? this.subjects.address(request) : subject.id, this.limiter.clock());
    const tokens = bucket.tokens;
    const perSecond = bucket.refillPerMs * 1000;
    addGateHeader(response, 'ratelimit-limit', table.limit.burst);
    addGateHeader(response, 'ratelimit-remaining', tokens > 0 ? Math.floor(tokens) : 0);
    addGateHeader(response, 'ratelimit-reset', Math.ceil((bucket.cap - tokens) / perSecond));
    if (!bucket.admitted) throw new RateLimitedError(budget, Math.max(1, Math.ceil((1 - tokens) / perSecond)));
  }
}
