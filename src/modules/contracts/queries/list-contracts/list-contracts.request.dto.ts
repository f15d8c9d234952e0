import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsObject, IsOptional, Matches } from 'class-validator';
import { type CheckedRequest, CursorField, InstantField, jsonDepth, QueryIntField, StorableJson, UuidField } from '../../../../platform/http/index.js';
import { CONTRACT_STATUSES, type ContractStatus } from '../../domain/contract.js';
import { MAX_AMOUNT_CENTS } from '../../dto/contract-fields.js';
import { contractCursor } from '../../infrastructure/contract-cursor.js';
import { toContractFilters } from './to-contract-filters.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
const MAX_METADATA_FILTER_LENGTH = 1024;
const MAX_METADATA_FILTER_DEPTH = 8;

/** `metadata={"fundingSource":"eu"}` becomes an object; anything unparsable (or nested deeper than a filter needs) stays a string and fails IsObject. */
function parseJsonObject({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string' || value.length > MAX_METADATA_FILTER_LENGTH) return value;
  try {
    const parsed = JSON.parse(value) as unknown;
    return jsonDepth(parsed) <= MAX_METADATA_FILTER_DEPTH ? parsed : value;
  } catch {
    return value;
  }
}

export class ListContractsRequestDto implements CheckedRequest {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @UuidField() agency?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @UuidField() supplier?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'category must be lower-case letters, digits or _ (1..64)' }) category?: string;
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES }) @IsOptional() @IsIn(CONTRACT_STATUSES) status?: ContractStatus;

  @ApiPropertyOptional({ format: 'date-time', description: 'Signed at or after (inclusive).' })
  @IsOptional()
  @InstantField()
  signedFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Signed before (exclusive).' })
  @IsOptional()
  @InstantField()
  signedTo?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_AMOUNT_CENTS }) @IsOptional() @QueryIntField(0, MAX_AMOUNT_CENTS) minAmountCents?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_AMOUNT_CENTS }) @IsOptional() @QueryIntField(0, MAX_AMOUNT_CENTS) maxAmountCents?: number;

  @ApiPropertyOptional({ description: 'JSON object the contract metadata must contain, e.g. {"fundingSource":"eu"}; no empty object or array in it.', type: String })
  @IsOptional()
  @Transform(parseJsonObject)
  @IsObject({ message: `metadata must be a JSON object (at most ${MAX_METADATA_FILTER_LENGTH} characters, nested at most ${MAX_METADATA_FILTER_DEPTH} deep)` })
  @StorableJson()
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' }) @IsOptional() @CursorField(contractCursor.decode) cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @QueryIntField(1, MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  /** The filters' rules across fields (CONTRACT.INVALID_FILTER), checked before any key or query is made of them. */
  checkRequest(): void {
    toContractFilters(this);
  }
}
