import { Module } from '@nestjs/common';
import { AgenciesRepository } from './infrastructure/agencies.repository.js';
import { AgencyStatsRepository } from './infrastructure/agency-stats.repository.js';
import { GetAgencyStatsHttpController } from './queries/get-agency-stats/get-agency-stats.http.controller.js';
import { GetAgencyHttpController } from './queries/get-agency/get-agency.http.controller.js';
import { ListAgenciesHttpController } from './queries/list-agencies/list-agencies.http.controller.js';

@Module({
  controllers: [ListAgenciesHttpController, GetAgencyHttpController, GetAgencyStatsHttpController],
  providers: [AgenciesRepository, AgencyStatsRepository],
  exports: [AgenciesRepository],
})
export class AgenciesModule {}
