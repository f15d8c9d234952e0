import { Controller, Get, NotFoundException, Post, type NestApplicationOptions } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { type IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { AllExceptionsFilter } from '../http/all-exceptions.filter.js';
import { RequestGates } from '../http/index.js';
import { RateLimitBudget } from './decorators/rate-limit-budget.decorator.js';
import { UnknownRateLimitBudgetError } from './rate-limit.errors.js';
import { RateLimitModule } from './rate-limit.module.js';
import type { RateLimitModuleOptions } from './rate-limit.options.js';
import { RateLimiter } from './rate-limiter.js';
import { MemoryRateLimitStore } from './stores/memory-rate-limit-store.js';

@Controller('things')
class ThingsController {
  @Get(':id')
  get(): { ok: true } {
    return { ok: true };
  }

  @Get(':id/missing')
  missing(): never {
    throw new NotFoundException('no such thing');
  }

  @Post()
  create(): { ok: true } {
    return { ok: true };
  }

  @Post('expensive')
  @RateLimitBudget('expensive')
  expensive(): { ok: true } {
    return { ok: true };
  }
}

@Controller('odd')
class OddController {
  @Get()
  @RateLimitBudget('nonexistent')
  get(): void {}
}

const budgets = {
  read: { anonymous: { rate: 1, burst: 3 }, key: { rate: 10, burst: 30 } },
  write: { anonymous: { rate: 1, burst: 2 }, key: { rate: 10, burst: 20 } },
  expensive: { anonymous: { rate: 0.5, burst: 1 }, key: { rate: 1, burst: 5 } },
};

let now: number;

async function appWith(options: Partial<RateLimitModuleOptions> = {}, controllers: (new () => unknown)[] = [ThingsController]): Promise<NestFastifyApplication> {
  const module = await Test.createTestingModule({
    imports: [
      DiscoveryModule,
      RateLimitModule.forRoot({
        enabled: true,
        budgets,
        trustProxyHops: 1,
        keyPrefix: 'unit',
        store: new MemoryRateLimitStore(),
        syncIntervalMs: 0,
        clock: () => now,
        // Stands in for the identity layer: a test key header names a keyed caller.
        subject: (request: IncomingMessage) => {
          const key = request.headers['x-test-key'];
          return typeof key === 'string' ? { id: key, tier: key === 'anon' ? 'anonymous' : 'key' } : undefined;
        },
        ...options,
      }),
    ],
    controllers,
    providers: [RequestGates],
  }).compile();
  const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false } as NestApplicationOptions);
  app.useGlobalFilters(new AllExceptionsFilter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const from = (address: string, headers: Record<string, string> = {}) => ({ 'x-forwarded-for': address, ...headers });

beforeEach(() => {
  now = 1_000_000;
});

describe('RateLimitGate', () => {
  it('sets the three RateLimit headers on every answer, and refuses over budget with 429 and Retry-After', async () => {
    const app = await appWith();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await app.inject({ method: 'GET', url: '/things/1', headers: from('203.0.113.7') });
      statuses.push(response.statusCode);
      expect(response.headers['ratelimit-limit']).toBe('3');
      expect(response.headers['ratelimit-remaining']).toBe(String(Math.max(0, 2 - i)));
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await app.inject({ method: 'GET', url: '/things/1', headers: from('203.0.113.7') });
    expect(refused.json()).toEqual({ statusCode: 429, code: 'REQUEST.RATE_LIMITED', message: expect.stringContaining('read budget') });
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers['ratelimit-reset']).toBe('3');
    // A second later one token is back.
    now += 1000;
    const again = await app.inject({ method: 'GET', url: '/things/1', headers: from('203.0.113.7') });
    expect(again.statusCode).toBe(200);
    expect(again.headers['ratelimit-reset']).toBe('3');
    await app.close();
  });

  it('counts errors and 404s too, with their headers', async () => {
    const app = await appWith();
    const missing = await app.inject({ method: 'GET', url: '/things/1/missing', headers: from('198.51.100.1') });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['ratelimit-remaining']).toBe('2');
    const nowhere = await app.inject({ method: 'GET', url: '/nowhere', headers: from('198.51.100.1') });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.headers['ratelimit-remaining']).toBe('1');
    await app.close();
  });

  it('draws writes, decorated routes and reads on separate budgets', async () => {
    const app = await appWith();
    const post = (url: string) => app.inject({ method: 'POST', url, headers: from('192.0.2.5') });
    expect((await post('/things')).headers['ratelimit-limit']).toBe('2');
    expect((await post('/things')).statusCode).toBe(201);
    expect((await post('/things')).statusCode).toBe(429);
    const expensive = await post('/things/expensive');
    expect([expensive.statusCode, expensive.headers['ratelimit-limit']]).toEqual([201, '1']);
    const again = await post('/things/expensive');
    expect([again.statusCode, again.headers['retry-after']]).toEqual([429, '2']);
    expect(again.json().message).toContain('expensive budget');
    expect((await app.inject({ method: 'GET', url: '/things/1', headers: from('192.0.2.5') })).statusCode).toBe(200);
    await app.close();
  });

  it('counts keyed callers by key and anonymous ones (failed credentials included) by address', async () => {
    const app = await appWith();
    const get = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/things/1', headers });
    const keyed = await get(from('203.0.113.9', { 'x-test-key': 'key-1' }));
    expect([keyed.headers['ratelimit-limit'], keyed.headers['ratelimit-remaining']]).toEqual(['30', '29']);
    // Another address, same key: the same bucket.
    expect((await get(from('198.51.100.77', { 'x-test-key': 'key-1' }))).headers['ratelimit-remaining']).toBe('28');
    expect((await get(from('203.0.113.9', { 'x-test-key': 'anon' }))).headers['ratelimit-remaining']).toBe('2');
    expect((await get(from('203.0.113.9'))).headers['ratelimit-remaining']).toBe('1');
    // Each address its own bucket.
    expect((await get(from('203.0.113.10'))).headers['ratelimit-remaining']).toBe('2');
    await app.close();
  });

  it('does nothing when disabled', async () => {
    const app = await appWith({ enabled: false });
    for (let i = 0; i < 5; i++) {
      const response = await app.inject({ method: 'GET', url: '/things/1', headers: from('203.0.113.7') });
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBeUndefined();
    }
    await app.close();
  });

  it('refuses to start when a route names a budget without limits', async () => {
    await expect(appWith({}, [ThingsController, OddController])).rejects.toThrow(UnknownRateLimitBudgetError);
    await expect(appWith({}, [ThingsController, OddController])).rejects.toThrow('OddController.get draws on rate limit budget "nonexistent"');
    await expect(appWith({ budgets: { read: budgets.read } }, [])).rejects.toThrow('rate limits need a "write" budget');
  });

  it('limits answers written outside Fastify (RequestGates.pass), with the same headers', async () => {
    const app = await appWith();
    const gates = app.get(RequestGates);
    const answer = () => {
      const request = { method: 'GET', url: '/things/1', headers: from('203.0.113.50'), socket: { remoteAddress: '127.0.0.1' } } as unknown as IncomingMessage;
      const response = new ServerResponse(request);
      const sink = new PassThrough();
      const chunks: Buffer[] = [];
      sink.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.assignSocket(sink as never);
      const passed = gates.pass(request, response, { url: '/things/:id' });
      return { passed, response, text: () => Buffer.concat(chunks).toString() };
    };
    for (let i = 0; i < 3; i++) expect(answer().passed).toBe(true);
    const refused = answer();
    expect(refused.passed).toBe(false);
    expect(refused.response.statusCode).toBe(429);
    expect(refused.text()).toMatch(/ratelimit-limit: 3\r\n[\s\S]*retry-after: 1\r\n/i);
    expect(refused.text()).toContain('"code":"REQUEST.RATE_LIMITED"');
    expect(app.get(RateLimiter).size).toBe(1);
    await app.close();
  });
});
