import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class ListDeadLettersRequestDto {
  @ApiPropertyOptional({ description: '`next` of the previous page: dead letters older than this id.' })
  @IsOptional()
  @Matches(/^\d{1,20}-\d{1,20}$/, { message: 'before must be a stream entry id (<ms>-<seq>)' })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;
}
