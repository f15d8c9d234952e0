import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Agency } from '../../domain/agency.js';
import { AgencyResponseDto } from '../../dto/agency.response.dto.js';
import { AgenciesRepository } from '../../infrastructure/agencies.repository.js';

@ApiTags('agencies')
@Controller('agencies')
export class GetAgencyHttpController {
  constructor(private readonly agencies: AgenciesRepository) {}

  @Get(':id')
  @ApiOperation({ summary: 'One agency by id.' })
  @ApiOkResponse({ type: AgencyResponseDto })
  @ApiNotFoundResponse({ description: 'AGENCY.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<Agency> {
    return this.agencies.findById(id);
  }
}
