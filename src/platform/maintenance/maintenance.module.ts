import { Module } from '@nestjs/common';
import { EventsModule } from '../events/index.js';
import { MaintenanceProcessor } from './maintenance.processor.js';
import { MaintenanceSchedules } from './maintenance.schedules.js';

/** The worker role's housekeeping on the maintenance queue: outbox cleanup, event stream trimming, queue and stream stats. Needs JobsModule. */
@Module({ imports: [EventsModule], providers: [MaintenanceProcessor, MaintenanceSchedules] })
export class MaintenanceModule {}
