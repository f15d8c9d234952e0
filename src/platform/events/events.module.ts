import { Module } from '@nestjs/common';
import { EventStreamsInspector } from './event-streams.inspector.js';

/** The API side of events: inspection for operators. */
@Module({ providers: [EventStreamsInspector], exports: [EventStreamsInspector] })
export class EventsModule {}
