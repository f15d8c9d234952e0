import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { InstantField, UuidField } from '../../../../platform/http/index.js';
import { AGENT_NAMES, type AgentName } from '../../../analysis/index.js';

export class InvestigationScopeDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @UuidField() agencyId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @UuidField() supplierId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'scope.category must be lower-case letters, digits or _ (1..64)' }) category?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Signed at or after (inclusive).' }) @IsOptional() @InstantField() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Signed before (exclusive).' }) @IsOptional() @InstantField() to?: string;
}

export class OpenInvestigationRequestDto {
  @ApiPropertyOptional({ type: InvestigationScopeDto, description: 'Contracts to analyse; omitted fields do not narrow.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => InvestigationScopeDto)
  scope?: InvestigationScopeDto;

  @ApiPropertyOptional({ enum: AGENT_NAMES, isArray: true, description: 'Agents to run; all by default.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AGENT_NAMES.length)
  @ArrayUnique()
  @IsIn(AGENT_NAMES, { each: true })
  agents?: AgentName[];
}
