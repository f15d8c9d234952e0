import 'reflect-metadata';
import { Controller, Get, Header, Module, NotFoundException, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { listenOptions, loadPayloads } from './payload.js';

/** Upper bound for any Nest app: NestJS + Fastify, one controller returning each path's pre-built body. */
const payloads = loadPayloads();

@Controller()
class PayloadController {
  @Get('ready')
  ready(): string {
    return 'ok';
  }

  @Get('*')
  @Header('content-type', 'application/json; charset=utf-8')
  get(@Req() request: FastifyRequest): string {
    const body = payloads.get(request.url);
    if (body === undefined) throw new NotFoundException();
    return body;
  }
}

@Module({ controllers: [PayloadController] })
class CeilingModule {}

const app = await NestFactory.create<NestFastifyApplication>(CeilingModule, new FastifyAdapter(), { logger: false });
app.enableShutdownHooks();
await app.listen(listenOptions());
