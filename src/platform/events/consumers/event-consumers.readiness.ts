import { Injectable } from '@nestjs/common';
import { type IndicatorState, ReadinessIndicator, type ReadinessIndicatorProvider } from '../../health/index.js';
import { EventConsumersService } from './event-consumers.service.js';

/** Ready when every consumer group of the process reads and none fails to reach Redis (no groups: ready). */
@Injectable()
@ReadinessIndicator('eventConsumers')
export class EventConsumersReadiness implements ReadinessIndicatorProvider {
  constructor(private readonly consumers: EventConsumersService) {}

  readiness(): IndicatorState {
    const groups = this.consumers.health();
    const started = groups.length === this.consumers.groups.length;
    return { ready: started && groups.every((group) => group.reading && !group.failing), groups };
  }
}
