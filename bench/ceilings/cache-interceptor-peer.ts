import 'reflect-metadata';
import KeyvRedis from '@keyv/redis';
import { CacheInterceptor, CacheModule } from '@nestjs/cache-manager';
import { Controller, Get, Module, NotFoundException, Req, UseInterceptors } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Keyv } from 'keyv';
import { listenOptions, loadPayloads } from './payload.js';

/**
 * The usual way to cache a Nest route: `@UseInterceptors(CacheInterceptor)` from
 * @nestjs/cache-manager. Usage: node cache-interceptor-peer.js <payload.json> <fastify|express> <memory|redis>.
 * The handler returns that path's parsed body, as a real handler returns an object.
 */
const payloads = new Map([...loadPayloads()].map(([path, body]) => [path, JSON.parse(body) as unknown]));
const [, , , platform, store] = process.argv;
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

@Controller()
@UseInterceptors(CacheInterceptor)
class PayloadController {
  @Get('ready')
  ready(): string {
    return 'ok';
  }

  @Get('*')
  get(@Req() request: { url: string; originalUrl?: string }): unknown {
    const body = payloads.get(request.originalUrl ?? request.url);
    if (body === undefined) throw new NotFoundException();
    return body;
  }
}

@Module({
  imports: [
    CacheModule.register({
      ttl: 600_000,
      stores: store === 'redis' ? [new Keyv({ store: new KeyvRedis(redisUrl), namespace: `bench-interceptor-${process.pid}` })] : undefined,
    }),
  ],
  controllers: [PayloadController],
})
class PeerModule {}

const app = await NestFactory.create(PeerModule, platform === 'express' ? new ExpressAdapter() : new FastifyAdapter(), { logger: false });
app.enableShutdownHooks();
const { host, port } = listenOptions();
await app.listen(port, host);
