import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DependencyHealthService } from './dependency-health.service.js';
import { HealthController } from './health.controller.js';
import { ConfigurableHealthModule } from './health.module-definition.js';
import { ReadinessIndicatorsExplorer } from './readiness/readiness-indicators.explorer.js';
import { ReadinessService } from './readiness/readiness.service.js';

/** Liveness and readiness (`/health/live`, `/health/ready`), and the detailed dependency view for operators. Redis comes from the redis module when present. */
@Module({
  imports: [DiscoveryModule],
  controllers: [HealthController],
  providers: [ReadinessIndicatorsExplorer, ReadinessService, DependencyHealthService],
  exports: [ReadinessService, DependencyHealthService],
})
export class HealthModule extends ConfigurableHealthModule {}
