import { Module } from '@nestjs/common';
import { AnalysisModule } from '../analysis/index.js';
import { OpenInvestigationHttpController } from './commands/open-investigation/open-investigation.http.controller.js';
import { OpenInvestigationService } from './commands/open-investigation/open-investigation.service.js';
import { InvestigationsRepository } from './infrastructure/investigations.repository.js';
import { InvestigationJobsConsumer } from './jobs/investigation-jobs.consumer.js';
import { InvestigationProcessor } from './jobs/investigation.processor.js';
import { GetInvestigationHttpController } from './queries/get-investigation/get-investigation.http.controller.js';
import { GetInvestigationQueryHandler } from './queries/get-investigation/get-investigation.query-handler.js';
import { ListInvestigationsHttpController } from './queries/list-investigations/list-investigations.http.controller.js';
import { ListInvestigationsQueryHandler } from './queries/list-investigations/list-investigations.query-handler.js';

/** The API side: open, read and list investigations. */
@Module({
  controllers: [OpenInvestigationHttpController, GetInvestigationHttpController, ListInvestigationsHttpController],
  providers: [InvestigationsRepository, OpenInvestigationService, GetInvestigationQueryHandler, ListInvestigationsQueryHandler],
})
export class InvestigationsModule {}

/** The worker side: the consumer that starts jobs from `investigation.opened`, and the job's processor. */
@Module({
  imports: [AnalysisModule],
  providers: [InvestigationsRepository, InvestigationJobsConsumer, InvestigationProcessor],
})
export class InvestigationsWorkerModule {}
