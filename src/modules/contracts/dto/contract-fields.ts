import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, Matches, Validate, ValidateIf } from 'class-validator';
import { BodyIntField, InstantField, StorableJson, UuidField } from '../../../platform/http/index.js';
import { CONTRACT_STATUSES, PROCUREMENT_METHODS } from '../domain/contract.js';
import { JsonSizeConstraint } from './json-size.constraint.js';

/**
 * Field rules shared by POST (required) and PATCH (optional) bodies. An optional field may be
 * absent but never null: every column is NOT NULL.
 */
const whenPresent = ValidateIf((_object: object, value: unknown) => value !== undefined);
const optional = (required: boolean) => (required ? [] : [whenPresent]);
const doc = (required: boolean, options: Record<string, unknown>) => (required ? ApiProperty(options) : ApiPropertyOptional(options));

/** The largest amount of one contract, in cents: 2^53-1, the largest integer every JSON client reads exactly. Sums beyond it are served as strings. */
export const MAX_AMOUNT_CENTS = Number.MAX_SAFE_INTEGER;
export const MAX_METADATA_BYTES = 8192;

export const ContractField = {
  agencyId: (required: boolean) => applyDecorators(doc(required, { format: 'uuid' }), ...optional(required), UuidField()),
  supplierId: (required: boolean) => applyDecorators(doc(required, { format: 'uuid' }), ...optional(required), UuidField()),
  category: (required: boolean) =>
    applyDecorators(doc(required, { example: 'construction', pattern: '^[a-z][a-z0-9_]{0,63}$' }), ...optional(required), Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'category must be lower-case letters, digits or _ (1..64)' })),
  procurementMethod: (required: boolean) => applyDecorators(doc(required, { enum: PROCUREMENT_METHODS }), ...optional(required), IsIn(PROCUREMENT_METHODS)),
  amountCents: (required: boolean) => applyDecorators(doc(required, { minimum: 0, maximum: MAX_AMOUNT_CENTS, example: 1250000 }), ...optional(required), BodyIntField(0, MAX_AMOUNT_CENTS)),
  currency: (required: boolean) =>
    applyDecorators(doc(required, { example: 'EUR', pattern: '^[A-Z]{3}$' }), ...optional(required), Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })),
  signedAt: (required: boolean) => applyDecorators(doc(required, { format: 'date-time' }), ...optional(required), InstantField()),
  status: (required: boolean) => applyDecorators(doc(required, { enum: CONTRACT_STATUSES }), ...optional(required), IsIn(CONTRACT_STATUSES)),
  metadata: () =>
    applyDecorators(
      ApiPropertyOptional({ type: 'object', additionalProperties: true, description: `JSON object, at most ${MAX_METADATA_BYTES} bytes.` }),
      whenPresent,
      IsObject(),
      Validate(JsonSizeConstraint, [MAX_METADATA_BYTES]),
      StorableJson(),
    ),
};
