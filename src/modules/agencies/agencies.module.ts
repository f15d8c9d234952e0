import { Module } from '@nestjs/common';
import { AgenciesRepository } from './infrastructure/agencies.repository.js';
import { AgencyStatsRepository } from './infrastructure/agency-stats.repository.js';
import { GetAgencyStatsHttpController } from './queries/get-agency-stats/get-agency-stats.http.controller.js';
import { GetAgencyStatsQueryHandler } from './queries/get-agency-stats/get-agency-stats.query-handler.js';
import { GetAgencyHttpController } from './queries/get-agency/get-agency.http.controller.js';
import { GetAgencyQueryHandler } from './queries/get-agency/get-agency.query-handler.js';
import { ListAgenciesHttpController } from './queries/list-agencies/list-agencies.http.controller.js';
import { ListAgenciesQueryHandler } from './queries/list-agencies/list-agencies.query-handler.js';
import { AgencyStatsWarmer } from './warmers/agency-stats.warmer.js';

@Module({
  controllers: [ListAgenciesHttpController, GetAgencyHttpController, GetAgencyStatsHttpController],
  providers: [AgenciesRepository, AgencyStatsRepository, GetAgencyQueryHandler, ListAgenciesQueryHandler, GetAgencyStatsQueryHandler, AgencyStatsWarmer],
  exports: [AgenciesRepository],
})
export class AgenciesModule {}
