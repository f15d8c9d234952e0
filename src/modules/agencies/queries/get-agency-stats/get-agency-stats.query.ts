import { Query } from '@nestjs/cqrs';
import { type AgencyStats } from '../../domain/agency.js';

export class GetAgencyStatsQuery extends Query<AgencyStats> {
  constructor(readonly agencyId: string) {
    super();
  }
}
