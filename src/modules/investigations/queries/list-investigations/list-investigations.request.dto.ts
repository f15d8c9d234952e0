import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CursorField, QueryIntField } from '../../../../platform/http/index.js';
import { investigationCursor } from '../../infrastructure/investigation-cursor.js';

export class ListInvestigationsRequestDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @QueryIntField(1, 100) limit: number = 20;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @CursorField(investigationCursor.decode) cursor?: string;
}
