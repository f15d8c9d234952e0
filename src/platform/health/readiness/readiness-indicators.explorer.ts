import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { READINESS_INDICATOR } from '../health.constants.js';
import type { ReadinessIndicatorProvider } from './readiness-indicator.decorator.js';

export class InvalidReadinessIndicatorError extends Error {}

export interface NamedIndicator {
  name: string;
  provider: ReadinessIndicatorProvider;
}

/** Finds the `@ReadinessIndicator` providers of the app at start-up; one without `readiness()` stops it. */
@Injectable()
export class ReadinessIndicatorsExplorer implements OnModuleInit {
  indicators: NamedIndicator[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.indicators = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance && Reflect.getMetadata(READINESS_INDICATOR, wrapper.metatype) !== undefined)
      .map((wrapper) => {
        const name = Reflect.getMetadata(READINESS_INDICATOR, wrapper.metatype as object) as string;
        const provider = wrapper.instance as Partial<ReadinessIndicatorProvider>;
        if (typeof provider.readiness !== 'function') throw new InvalidReadinessIndicatorError(`@ReadinessIndicator('${name}') on ${String(wrapper.name)}: the provider has no readiness() method`);
        return { name, provider: provider as ReadinessIndicatorProvider };
      });
  }
}
