import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { CONTRACT_STATUSES, type ContractStatus } from '../../domain/contract.js';
import { MAX_AMOUNT_CENTS } from '../../dto/contract-fields.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** `metadata={"fundingSource":"eu"}` becomes an object; anything unparsable stays a string and fails IsObject. */
function parseJsonObject({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string' || value.length > 1024) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export class ListContractsRequestDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() agency?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() supplier?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'category must be lower-case letters, digits or _ (1..64)' }) category?: string;
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES }) @IsOptional() @IsIn(CONTRACT_STATUSES) status?: ContractStatus;

  @ApiPropertyOptional({ format: 'date-time', description: 'Signed at or after (inclusive).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  signedFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Signed before (exclusive).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  signedTo?: string;

  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_AMOUNT_CENTS) minAmountCents?: number;
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_AMOUNT_CENTS) maxAmountCents?: number;

  @ApiPropertyOptional({ description: 'JSON object the contract metadata must contain, e.g. {"fundingSource":"eu"}.', type: String })
  @IsOptional()
  @Transform(parseJsonObject)
  @IsObject({ message: 'metadata must be a JSON object (at most 1024 characters)' })
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' }) @IsOptional() @MaxLength(512) cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;
}
