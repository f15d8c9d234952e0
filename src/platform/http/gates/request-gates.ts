import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_GATE } from '../http.constants.js';
import { toErrorBody } from '../to-error-body.js';
import { writeErrorResponse } from '../write-error-response.js';
import { applyGateHeaders } from './gate-headers.js';
import type { GateRoute, RequestGate } from './request-gate.js';

export class InvalidRequestGateError extends Error {}

/** How far a request got through the gates outside Fastify: the next gate, and what it waits for first. */
interface GateProgress {
  next: number;
  waiting: Promise<void> | undefined;
}
const PROGRESS = Symbol('hotpath:http:gate-progress');
type GatedRequest = IncomingMessage & { [PROGRESS]?: GateProgress };

type HookDone = (error?: Error) => void;

/**
 * Runs the `@RequestGateProvider()` providers for every request: as one Fastify onRequest hook
 * (registered at start-up) and, for answers written before Fastify routes a request (the
 * cache's pre-router), through `pass`. A request a gate made wait outside Fastify resumes
 * in the hook where it stopped, so no gate runs twice for one request.
 */
@Injectable()
export class RequestGates implements OnModuleInit {
  private gates: RequestGate[] = [];
  private gateNames: string[] = [];
  /** Shared by every request that passed all gates outside Fastify. */
  private allPassed: GateProgress = { next: 0, waiting: undefined };

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const found = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && Reflect.getMetadata(REQUEST_GATE, wrapper.metatype) !== undefined)
      .map((wrapper, index) => {
        const instance = wrapper.instance as Partial<RequestGate> | undefined;
        if (typeof instance?.check !== 'function') throw new InvalidRequestGateError(`${String(wrapper.name)} is a @RequestGateProvider() without a check(request, response, route) method`);
        return { name: String(wrapper.name), gate: instance as RequestGate, order: Reflect.getMetadata(REQUEST_GATE, wrapper.metatype as object) as number, index };
      })
      .sort((a, b) => a.order - b.order || a.index - b.index);
    this.gates = found.map((g) => g.gate);
    this.gateNames = found.map((g) => g.name);
    this.allPassed = { next: this.gates.length, waiting: undefined };
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify && this.gates.length > 0) fastify.addHook('onRequest', this.hook);
  }

  /** The gates' names, in the order they run. */
  get names(): readonly string[] {
    return this.gateNames;
  }

  /**
   * The Fastify onRequest hook that runs the gates (the pre-router allows it by identity); the
   * headers they add move onto the reply.
   * Callback style: a request every gate passes synchronously allocates no promise.
   */
  readonly hook = (request: FastifyRequest, reply: FastifyReply, done: HookDone): void => {
    const raw = request.raw as GatedRequest;
    const progress = raw[PROGRESS];
    const route = request.routeOptions.config as unknown as GateRoute;
    if (progress) {
      raw[PROGRESS] = undefined;
      if (progress.waiting) {
        progress.waiting.then(
          () => this.runFrom(progress.next, raw, reply, route, done),
          (error: unknown) => refuse(reply, error),
        );
      } else this.runFrom(progress.next, raw, reply, route, done);
      return;
    }
    this.runFrom(0, raw, reply, route, done);
  };

  /**
   * For an answer written outside Fastify: `true` when every gate let the request on, `false`
   * when a gate refused it (its error is written to `response`), `'wait'` when a gate must
   * wait — hand the request to Fastify, which resumes after it. A request that passed and is
   * handed to Fastify all the same runs no gate again.
   */
  pass(request: IncomingMessage, response: ServerResponse, route: GateRoute): boolean | 'wait' {
    for (let i = 0; i < this.gates.length; i++) {
      let result: void | Promise<void>;
      try {
        result = this.gates[i].check(request, response, route);
      } catch (error) {
        writeErrorResponse(request, response, error);
        return false;
      }
      if (result) {
        (request as GatedRequest)[PROGRESS] = { next: i + 1, waiting: result };
        return 'wait';
      }
    }
    (request as GatedRequest)[PROGRESS] = this.allPassed;
    return true;
  }

  private runFrom(start: number, request: IncomingMessage, reply: FastifyReply, route: GateRoute, done: HookDone): void {
    for (let i = start; i < this.gates.length; i++) {
      let result: void | Promise<void>;
      try {
        result = this.gates[i].check(request, reply.raw, route);
      } catch (error) {
        return refuse(reply, error);
      }
      if (result) {
        result.then(
          () => this.runFrom(i + 1, request, reply, route, done),
          (error: unknown) => refuse(reply, error),
        );
        return;
      }
    }
    applyGateHeaders(reply);
    done();
  }
}

/**
 * Answers a refusal from the hook itself rather than through the route's error handler:
 * routes that plugins add (the OpenAPI UI, the queue board) have handlers of their own that
 * would turn it into a 500. Headers the gates set on the raw response go out with it.
 */
function refuse(reply: FastifyReply, error: unknown): void {
  applyGateHeaders(reply);
  const { body, retryAfterSeconds } = toErrorBody(error);
  if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
  void reply.code(body.statusCode).header('cache-control', 'no-store').send(body);
}
