import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Cached } from '../../../../platform/cache/index.js';
import { type AgencyStats } from '../../domain/agency.js';
import { AgencyStatsResponseDto } from '../../dto/agency.response.dto.js';
import { AgencyStatsRepository } from '../../infrastructure/agency-stats.repository.js';

@ApiTags('agencies')
@Controller('agencies')
export class GetAgencyStatsHttpController {
  constructor(private readonly stats: AgencyStatsRepository) {}

  @Get(':id/stats')
  @Cached({ tags: (request) => [`agency:${(request.params as { id: string }).id}`] })
  @ApiOperation({ summary: 'Totals by category and by month, and the top 10 suppliers by amount.' })
  @ApiOkResponse({ type: AgencyStatsResponseDto })
  @ApiNotFoundResponse({ description: 'AGENCY.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<AgencyStats> {
    return this.stats.forAgency(id);
  }
}
