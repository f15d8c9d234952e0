import { Injectable } from '@nestjs/common';
import { type CacheWarmer, CacheWarmerProvider, type WarmContext } from '../../../platform/cache/index.js';
import { AgencyStatsRepository } from '../infrastructure/agency-stats.repository.js';

const WARMED_AGENCIES = 100;

/** Stats of the largest agencies: the most requested and the most expensive to build. */
@Injectable()
@CacheWarmerProvider()
export class AgencyStatsWarmer implements CacheWarmer {
  constructor(private readonly stats: AgencyStatsRepository) {}

  async warm(context: WarmContext): Promise<void> {
    const agencies = await this.stats.largest(WARMED_AGENCIES);
    for (const [i, id] of agencies.entries()) {
      await context.get(`/agencies/${id}/stats`);
      context.progress(i + 1, agencies.length);
    }
  }
}
