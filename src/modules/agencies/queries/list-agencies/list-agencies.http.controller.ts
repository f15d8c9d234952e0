import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Agency } from '../../domain/agency.js';
import { AgencyPageResponseDto } from '../../dto/agency.response.dto.js';
import { AgenciesRepository } from '../../infrastructure/agencies.repository.js';
import { ListAgenciesRequestDto } from './list-agencies.request.dto.js';

@ApiTags('agencies')
@Controller('agencies')
export class ListAgenciesHttpController {
  constructor(private readonly agencies: AgenciesRepository) {}

  @Get()
  @ApiOperation({ summary: 'Agencies by name, in keyset pages.' })
  @ApiOkResponse({ type: AgencyPageResponseDto })
  list(@Query() query: ListAgenciesRequestDto): Promise<{ items: Agency[]; nextCursor: string | null }> {
    return this.agencies.list(query.cursor, query.limit);
  }
}
