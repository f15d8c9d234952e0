import { Inject, Injectable } from '@nestjs/common';
import { type IndicatorState, ReadinessIndicator, type ReadinessIndicatorProvider } from '../health/index.js';
import { OutboxRelay } from './outbox-relay.js';

/** The relay is ready while it runs and publishes; a relay standing by (another one leads) is ready too. */
@Injectable()
@ReadinessIndicator('outboxRelay')
export class OutboxRelayReadiness implements ReadinessIndicatorProvider {
  constructor(@Inject(OutboxRelay) private readonly relay: OutboxRelay) {}

  readiness(): IndicatorState {
    const { running, leader, failing, published } = this.relay.state();
    return { ready: running && !failing, running, leader, failing, published };
  }
}
