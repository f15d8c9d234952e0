import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MONITORING_OPTIONS } from '../monitoring.module-definition.js';
import type { MonitoringModuleOptions } from '../monitoring.options.js';

/** Successful GET responses of one route template and the time Fastify took for them. */
export class RouteTiming {
  responses = 0;
  totalMs = 0;

  constructor(readonly route: string) {}
}

const asList = (hooks: unknown): unknown[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

/**
 * Counts the successful GET responses of every route and the time they took (Fastify's own
 * `elapsedTime`), to tell which routes would gain most from caching. The hook is added to each
 * GET route, not to the app: other routes pay nothing, and the cache's pre-router, which
 * answers without Fastify, is unaffected (its hits are counted by the cache). Attached when the
 * module is created, before Nest registers the routes; a process without HTTP gets none.
 */
@Injectable()
export class RouteTimings {
  private readonly timings = new Map<string, RouteTiming>();

  constructor(adapterHost: HttpAdapterHost, @Inject(MONITORING_OPTIONS) options: MonitoringModuleOptions) {
    const fastify = adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const timed = options.timedRoute ?? (() => true);
    fastify.addHook('onRoute', (route) => {
      const methods = ([] as string[]).concat(route.method);
      if (!methods.includes('GET') || !timed(route.url)) return;
      const timing = this.timing(route.url);
      const hooks = route as unknown as { onResponse?: unknown };
      hooks.onResponse = [...asList(hooks.onResponse), timeResponse(timing)];
    });
  }

  all(): RouteTiming[] {
    return [...this.timings.values()];
  }

  private timing(route: string): RouteTiming {
    let timing = this.timings.get(route);
    if (!timing) this.timings.set(route, (timing = new RouteTiming(route)));
    return timing;
  }
}

function timeResponse(timing: RouteTiming) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    if (request.method === 'GET' && reply.statusCode < 300) {
      timing.responses++;
      timing.totalMs += reply.elapsedTime;
    }
    done();
  };
}
