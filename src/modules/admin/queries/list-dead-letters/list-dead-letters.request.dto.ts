import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, ValidateBy } from 'class-validator';
import { QueryIntField } from '../../../../platform/http/index.js';

const U64_MAX = 2n ** 64n - 1n;
const STREAM_ID = /^(\d{1,20})-(\d{1,20})$/;

/** A Redis stream entry id: two unsigned 64-bit integers. */
const isStreamId = (value: unknown): boolean => {
  const m = typeof value === 'string' ? STREAM_ID.exec(value) : null;
  return m !== null && BigInt(m[1]) <= U64_MAX && BigInt(m[2]) <= U64_MAX;
};

export class ListDeadLettersRequestDto {
  @ApiPropertyOptional({ description: '`next` of the previous page: dead letters older than this id.' })
  @IsOptional()
  @Matches(STREAM_ID, { message: 'before must be a stream entry id (<ms>-<seq>)' })
  @ValidateBy({ name: 'isStreamId', validator: { validate: isStreamId, defaultMessage: () => 'before must be a stream entry id (<ms>-<seq>, each at most 2^64-1)' } })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @QueryIntField(1, 500)
  limit: number = 50;
}
