import 'reflect-metadata';
import { Controller, Get, Header, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { listenOptions, loadPayload } from './payload.js';

/** Upper bound for any Nest app: NestJS + Fastify, one controller returning the payload. */
const payload = loadPayload();

@Controller()
class PayloadController {
  @Get('*')
  @Header('content-type', 'application/json; charset=utf-8')
  get(): string {
    return payload;
  }
}

@Module({ controllers: [PayloadController] })
class CeilingModule {}

const app = await NestFactory.create<NestFastifyApplication>(CeilingModule, new FastifyAdapter(), { logger: false });
app.enableShutdownHooks();
await app.listen(listenOptions());
