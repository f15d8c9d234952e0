import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig, ConfigModule } from '../../../config/index.js';
import { EventConsumer } from '../decorators/event-consumer.decorator.js';
import { EventConsumersModule } from '../event-consumers.module.js';
import { DuplicateConsumerGroupError, InvalidEventConsumerError } from './event-consumer.errors.js';
import { EventConsumersExplorer } from './event-consumers.explorer.js';

async function boot(providers: unknown[], env: Record<string, string> = {}) {
  const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(AppConfig.fromEnv({ EVENTS_MAX_DELIVERIES: '7', ...env })), EventConsumersModule], providers: providers as never[] }).compile();
  moduleRef.useLogger(false);
  return moduleRef;
}

@EventConsumer({ group: 'projections', aggregateTypes: ['contract', 'contract'], eventTypes: ['contract.created'] })
@Injectable()
class Projections {
  async handle(): Promise<void> {}
}

describe('EventConsumersExplorer', () => {
  it('finds @EventConsumer providers with their options completed from config', async () => {
    const moduleRef = await boot([Projections]);
    const [found] = moduleRef.get(EventConsumersExplorer).explore();
    expect(found).toMatchObject({ className: 'Projections', group: 'projections', aggregateTypes: ['contract'], eventTypes: new Set(['contract.created']), maxDeliveries: 7 });
    expect(found.handler).toBe(moduleRef.get(Projections));
  });

  it('refuses to boot a consumer without a handle method', async () => {
    @EventConsumer({ group: 'broken', aggregateTypes: ['contract'] })
    @Injectable()
    class NoHandle {}
    const failure = await (await boot([NoHandle])).init().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidEventConsumerError);
    expect(failure).toMatchObject({ code: 'EVENTS.INVALID_CONSUMER', message: '@EventConsumer NoHandle: has no handle(event) method' });
  });

  it('refuses two consumers sharing a group', async () => {
    @EventConsumer({ group: 'projections', aggregateTypes: ['agency'] })
    @Injectable()
    class Twin {
      async handle(): Promise<void> {}
    }
    const failure = await (await boot([Projections, Twin])).init().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DuplicateConsumerGroupError);
    expect(failure).toMatchObject({ code: 'EVENTS.DUPLICATE_CONSUMER_GROUP', message: expect.stringContaining('Projections and Twin') });
  });

  it('refuses a consumer without aggregate types or with a bad maxDeliveries', async () => {
    @EventConsumer({ group: 'empty', aggregateTypes: [] })
    @Injectable()
    class Empty {
      async handle(): Promise<void> {}
    }
    @EventConsumer({ group: 'zero', aggregateTypes: ['contract'], maxDeliveries: 0 })
    @Injectable()
    class Zero {
      async handle(): Promise<void> {}
    }
    await expect((await boot([Empty])).init()).rejects.toThrow(/Empty: aggregateTypes must list/);
    await expect((await boot([Zero])).init()).rejects.toThrow(/Zero: maxDeliveries must be an integer >= 1, got 0/);
  });
});
