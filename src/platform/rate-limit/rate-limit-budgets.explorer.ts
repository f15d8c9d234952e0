import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import { RATE_LIMIT_BUDGET, READ_BUDGET, WRITE_BUDGET } from './rate-limit.constants.js';
import { UnknownRateLimitBudgetError } from './rate-limit.errors.js';
import { RateLimiter } from './rate-limiter.js';

/** Refuses to start when the default budgets are missing or a route names a budget that has no limits. */
@Injectable()
export class RateLimitBudgetsExplorer implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly limiter: RateLimiter,
  ) {}

  onModuleInit(): void {
    const known = new Set(this.limiter.budgetNames);
    for (const name of [READ_BUDGET, WRITE_BUDGET]) if (!known.has(name)) throw new UnknownRateLimitBudgetError(`rate limits need a "${name}" budget (the default by method)`);
    for (const wrapper of this.discovery.getControllers()) {
      const prototype = (wrapper.metatype as { prototype?: object } | undefined)?.prototype;
      if (!prototype) continue;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[method] as object;
        const budget = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as Record<string, unknown> | undefined)?.[RATE_LIMIT_BUDGET];
        if (budget !== undefined && !known.has(budget as string)) throw new UnknownRateLimitBudgetError(`${String(wrapper.name)}.${method} draws on rate limit budget "${String(budget)}", which has no limits (known: ${[...known].join(', ')})`);
      }
    }
  }
}
