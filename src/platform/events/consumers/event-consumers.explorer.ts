import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AppConfig } from '../../../config/index.js';
import type { EventConsumerHandler, EventConsumerOptions } from '../decorators/event-consumer.decorator.js';
import { EVENT_CONSUMER } from '../events.constants.js';
import { DuplicateConsumerGroupError, InvalidEventConsumerError } from './event-consumer.errors.js';
import type { ResolvedConsumer } from './resolved-consumer.js';

const NAME = /^[\w.:-]{1,100}$/;

/** Finds the `@EventConsumer` providers of the app, once, and refuses a misconfigured one. */
@Injectable()
export class EventConsumersExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
  ) {}

  explore(): ResolvedConsumer[] {
    const found: ResolvedConsumer[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const type = wrapper.metatype as object | null | undefined;
      const options = type && typeof type === 'function' ? (Reflect.getMetadata(EVENT_CONSUMER, type) as EventConsumerOptions | undefined) : undefined;
      if (!options) continue;
      const className = (type as { name: string }).name;
      if (!wrapper.isDependencyTreeStatic()) throw new InvalidEventConsumerError(className, 'must be a singleton provider (not request or transient scoped)');
      found.push(this.resolve(className, options, wrapper.instance as Partial<EventConsumerHandler> | undefined));
    }
    const byGroup = new Map<string, string[]>();
    for (const consumer of found) byGroup.set(consumer.group, [...(byGroup.get(consumer.group) ?? []), consumer.className]);
    for (const [group, classNames] of byGroup) if (classNames.length > 1) throw new DuplicateConsumerGroupError(group, classNames);
    return found;
  }

  private resolve(className: string, options: EventConsumerOptions, instance: Partial<EventConsumerHandler> | undefined): ResolvedConsumer {
    if (!instance || typeof instance.handle !== 'function') throw new InvalidEventConsumerError(className, 'has no handle(event) method');
    if (!NAME.test(options.group)) throw new InvalidEventConsumerError(className, `group "${options.group}" must be 1..100 letters, digits, . : - _`);
    if (options.aggregateTypes.length === 0 || !options.aggregateTypes.every((t) => NAME.test(t))) {
      throw new InvalidEventConsumerError(className, 'aggregateTypes must list at least one aggregate type (letters, digits, . : - _)');
    }
    const maxDeliveries = options.maxDeliveries ?? this.config.events.consumer.maxDeliveries;
    if (!Number.isInteger(maxDeliveries) || maxDeliveries < 1) throw new InvalidEventConsumerError(className, `maxDeliveries must be an integer >= 1, got ${maxDeliveries}`);
    return {
      className,
      group: options.group,
      aggregateTypes: [...new Set(options.aggregateTypes)],
      eventTypes: options.eventTypes ? new Set(options.eventTypes) : undefined,
      maxDeliveries,
      handler: instance as EventConsumerHandler,
    };
  }
}
