import { SetMetadata } from '@nestjs/common';
import { READINESS_INDICATOR } from '../health.constants.js';

/** What an indicator says: ready or not, with whatever details tell why. */
export interface IndicatorState {
  ready: boolean;
  [detail: string]: unknown;
}

/** A provider marked `@ReadinessIndicator(name)`: its state joins the process's readiness under `name`. */
export interface ReadinessIndicatorProvider {
  readiness(): IndicatorState | Promise<IndicatorState>;
}

/** Marks a provider whose `readiness()` the health module checks with Postgres and Redis (found at start-up). */
export const ReadinessIndicator = (name: string): ClassDecorator => SetMetadata(READINESS_INDICATOR, name);
