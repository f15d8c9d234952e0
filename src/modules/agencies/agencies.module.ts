import { Module } from '@nestjs/common';
import { AgenciesRepository } from './infrastructure/agencies.repository.js';
import { AgencyStatsRepository } from './infrastructure/agency-stats.repository.js';
import { GetAgencyStatsHttpController } from './queries/get-agency-stats/get-agency-stats.http.controller.js';
import { GetAgencyHttpController } from './queries/get-agency/get-agency.http.controller.js';
import { ListAgenciesHttpController } from './queries/list-agencies/list-agencies.http.controller.js';
import { AgencyStatsWarmer } from './warmers/agency-stats.warmer.js';

@Module({
  controllers: [ListAgenciesHttpController, GetAgencyHttpController, GetAgencyStatsHttpController],
  providers: [AgenciesRepository, AgencyStatsRepository, AgencyStatsWarmer],
  exports: [AgenciesRepository],
})
export class AgenciesModule {}
