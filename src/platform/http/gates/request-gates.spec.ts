import { Controller, Get, Injectable, type NestApplicationOptions } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { ServerResponse as NodeServerResponse } from 'node:http';
import { AppError } from '../../errors/index.js';
import { AllExceptionsFilter } from '../all-exceptions.filter.js';
import { MergeRouteConfig } from '../route-config.decorator.js';
import type { GateRoute, RequestGate } from './request-gate.js';
import { RequestGateProvider } from './request-gate.decorator.js';
import { InvalidRequestGateError, RequestGates } from './request-gates.js';

class Refused extends AppError {
  readonly code = 'TEST.REFUSED';
  readonly kind = 'rate_limited' as const;
}

/** What each gate saw, in order: `name:route-url`. */
let seen: string[];
let releaseWait: () => void;

@Injectable()
@RequestGateProvider(20)
class SecondGate implements RequestGate {
  check(request: IncomingMessage, response: ServerResponse, route: GateRoute): void {
    seen.push(`second:${route.url}`);
    response.setHeader('x-second', String(route['hotpath:test:label'] ?? 'none'));
    if (request.headers['x-refuse'] === 'second') throw new Refused('refused by the second gate');
  }
}

@Injectable()
@RequestGateProvider(10)
class FirstGate implements RequestGate {
  check(request: IncomingMessage, _response: ServerResponse, route: GateRoute): void | Promise<void> {
    seen.push(`first:${route.url}`);
    if (request.headers['x-wait'] === 'first') return new Promise<void>((resolve) => (releaseWait = resolve));
  }
}

@Injectable()
@RequestGateProvider(5)
class NotAGate {}

@Controller('things')
class ThingsController {
  @Get(':id')
  @MergeRouteConfig({ 'hotpath:test:label': 'thing' })
  get(): { ok: true } {
    return { ok: true };
  }
}

async function appWith(...providers: (new () => unknown)[]): Promise<NestFastifyApplication> {
  const module = await Test.createTestingModule({ imports: [DiscoveryModule], controllers: [ThingsController], providers: [RequestGates, ...providers] }).compile();
  const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false } as NestApplicationOptions);
  app.useGlobalFilters(new AllExceptionsFilter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** A response that records what was written to it, for `pass` outside Fastify. */
function recordingResponse(request: IncomingMessage): NodeServerResponse & { text: () => string } {
  const response = new NodeServerResponse(request) as NodeServerResponse & { text: () => string };
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.assignSocket(sink as never);
  response.text = () => Buffer.concat(chunks).toString();
  return response;
}

function rawRequest(headers: Record<string, string> = {}): IncomingMessage {
  return { method: 'GET', url: '/things/1', headers } as IncomingMessage;
}

beforeEach(() => {
  seen = [];
});

describe('RequestGates', () => {
  it('refuses to start when a @RequestGateProvider() has no check method', async () => {
    await expect(appWith(NotAGate)).rejects.toThrow(InvalidRequestGateError);
  });

  it('runs every gate in order for a Fastify-routed request, with the route config', async () => {
    const app = await appWith(SecondGate, FirstGate);
    const response = await app.inject({ method: 'GET', url: '/things/1' });
    expect(response.statusCode).toBe(200);
    expect(seen).toEqual(['first:/things/:id', 'second:/things/:id']);
    expect(response.headers['x-second']).toBe('thing');
    expect(app.get(RequestGates).names).toEqual(['FirstGate', 'SecondGate']);
    await app.close();
  });

  it('answers a refusal with the standard error body, keeping the headers gates set', async () => {
    const app = await appWith(SecondGate, FirstGate);
    const response = await app.inject({ method: 'GET', url: '/things/1', headers: { 'x-refuse': 'second' } });
    expect(response.statusCode).toBe(429);
    expect(response.json()).toEqual({ statusCode: 429, code: 'TEST.REFUSED', message: 'refused by the second gate' });
    expect(response.headers['x-second']).toBe('thing');
    await app.close();
  });

  it('answers a refusal with the standard body on a route a plugin added with an error handler of its own', async () => {
    const module = await Test.createTestingModule({ imports: [DiscoveryModule], controllers: [ThingsController], providers: [RequestGates, SecondGate] }).compile();
    const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false } as NestApplicationOptions);
    await app.register(async (plugin: FastifyInstance) => {
      plugin.setErrorHandler((_error, _request, reply) => reply.code(500).send({ oops: true }));
      plugin.get('/plugin/page', async () => ({ page: true }));
    });
    await app.init();
    const response = await app.inject({ method: 'GET', url: '/plugin/page', headers: { 'x-refuse': 'second' } });
    expect([response.statusCode, response.json(), response.headers['x-second']]).toEqual([429, { statusCode: 429, code: 'TEST.REFUSED', message: 'refused by the second gate' }, 'none']);
    await app.close();
  });

  it('gates 404s too, with no route template', async () => {
    const app = await appWith(SecondGate, FirstGate);
    const response = await app.inject({ method: 'GET', url: '/nowhere' });
    expect(response.statusCode).toBe(404);
    expect(seen).toEqual(['first:undefined', 'second:undefined']);
    await app.close();
  });

  it('waits for a gate that returns a promise before the next gate runs', async () => {
    const app = await appWith(SecondGate, FirstGate);
    const answer = app.inject({ method: 'GET', url: '/things/1', headers: { 'x-wait': 'first' } });
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['first:/things/:id']);
    releaseWait();
    expect((await answer).statusCode).toBe(200);
    expect(seen).toEqual(['first:/things/:id', 'second:/things/:id']);
    await app.close();
  });

  describe('pass (outside Fastify)', () => {
    const route: GateRoute = { url: '/things/:id', 'hotpath:test:label': 'pre-routed' };

    it('is true when every gate lets the request on, and headers set by gates stay on the response', async () => {
      const app = await appWith(SecondGate, FirstGate);
      const request = rawRequest();
      const response = recordingResponse(request);
      expect(app.get(RequestGates).pass(request, response, route)).toBe(true);
      expect(seen).toEqual(['first:/things/:id', 'second:/things/:id']);
      expect(response.getHeader('x-second')).toBe('pre-routed');
      await app.close();
    });

    it('writes the error body and is false when a gate refuses', async () => {
      const app = await appWith(SecondGate, FirstGate);
      const request = rawRequest({ 'x-refuse': 'second' });
      const response = recordingResponse(request);
      expect(app.get(RequestGates).pass(request, response, route)).toBe(false);
      expect(response.statusCode).toBe(429);
      expect(response.text()).toContain('{"statusCode":429,"code":"TEST.REFUSED","message":"refused by the second gate"}');
      await app.close();
    });

    it("is 'wait' when a gate must wait, and Fastify resumes after that gate without running it again", async () => {
      const app = await appWith(SecondGate, FirstGate);
      const gates = app.get(RequestGates);
      const request = rawRequest({ 'x-wait': 'first' });
      expect(gates.pass(request, recordingResponse(request), route)).toBe('wait');
      expect(seen).toEqual(['first:/things/:id']);
      // Fastify's hook picks the request up where it stopped.
      const reply = { raw: recordingResponse(request) };
      const finished = new Promise<Error | undefined>((resolve) => gates.hook({ raw: request, routeOptions: { config: route } } as never, reply as never, resolve));
      releaseWait();
      expect(await finished).toBeUndefined();
      expect(seen).toEqual(['first:/things/:id', 'second:/things/:id']);
      await app.close();
    });
  });
});
