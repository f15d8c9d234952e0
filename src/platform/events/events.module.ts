import { Module } from '@nestjs/common';
import { DeadLettersService } from './dead-letters/dead-letters.service.js';
import { EventStreamsInspector } from './event-streams.inspector.js';

/** The API side of events: inspection and dead letters for operators. */
@Module({ providers: [EventStreamsInspector, DeadLettersService], exports: [EventStreamsInspector, DeadLettersService] })
export class EventsModule {}
