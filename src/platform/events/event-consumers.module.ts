import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventConsumersExplorer } from './consumers/event-consumers.explorer.js';
import { EventConsumersReadiness } from './consumers/event-consumers.readiness.js';
import { EventConsumersService } from './consumers/event-consumers.service.js';

/** Import in a process to run every `@EventConsumer` provider of the app (the worker does). */
@Module({ imports: [DiscoveryModule], providers: [EventConsumersExplorer, EventConsumersService, EventConsumersReadiness], exports: [EventConsumersService] })
export class EventConsumersModule {}
