import { Controller, Get } from '@nestjs/common';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import { RouteConfig } from '@nestjs/platform-fastify';
import { MergeRouteConfig } from './route-config.decorator.js';

@Controller('things')
@MergeRouteConfig({ 'test:policy': 'class', 'test:class-only': true })
class ThingsController {
  @Get()
  @MergeRouteConfig({ 'test:cached': true })
  @RouteConfig({ 'test:nest': 1 })
  list(): void {}

  @Get(':id')
  @MergeRouteConfig({ 'test:policy': 'handler' })
  get(): void {}

  helper(): void {}
}

const configOf = (method: keyof ThingsController) => Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, ThingsController.prototype[method]) as unknown;

describe('MergeRouteConfig', () => {
  it("keeps what other route-config decorators set, and adds the class's entries to every route", () => {
    expect(configOf('list')).toEqual({ 'test:nest': 1, 'test:cached': true, 'test:policy': 'class', 'test:class-only': true });
  });

  it("lets a handler's own entry win over its class's", () => {
    expect(configOf('get')).toEqual({ 'test:policy': 'handler', 'test:class-only': true });
  });

  it('leaves methods that are not routes alone', () => {
    expect(configOf('helper')).toBeUndefined();
  });
});
