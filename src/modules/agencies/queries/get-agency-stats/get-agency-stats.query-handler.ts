import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Cached } from '../../../../platform/cache/index.js';
import { agencyStatsTags } from '../../domain/agency-cache-tags.js';
import { type AgencyStats } from '../../domain/agency.js';
import { AgencyStatsRepository } from '../../infrastructure/agency-stats.repository.js';
import { GetAgencyStatsQuery } from './get-agency-stats.query.js';

/** Stats are aggregates over an agency's contracts: cached for every caller of the query, not only HTTP. */
@QueryHandler(GetAgencyStatsQuery)
export class GetAgencyStatsQueryHandler implements IQueryHandler<GetAgencyStatsQuery, AgencyStats> {
  constructor(private readonly stats: AgencyStatsRepository) {}

  @Cached<GetAgencyStatsQuery, AgencyStats>({ namespace: 'compute', tags: (query) => agencyStatsTags.of(query.agencyId), resultTags: agencyStatsTags.fromResult })
  execute(query: GetAgencyStatsQuery): Promise<AgencyStats> {
    return this.stats.forAgency(query.agencyId);
  }
}
