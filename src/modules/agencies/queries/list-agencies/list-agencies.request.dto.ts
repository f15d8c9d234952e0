import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CursorField, QueryIntField } from '../../../../platform/http/index.js';
import { agencyCursor } from '../../infrastructure/agency-cursor.js';

export class ListAgenciesRequestDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' }) @IsOptional() @CursorField(agencyCursor.decode) cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @QueryIntField(1, 100)
  limit: number = 20;
}
