import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { buildMessage, IsInt, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { canonicalInstant, parseInstant } from './instant.js';
import { isStorableJson } from './json-values.js';

/** Any UUID Postgres stores, in canonical 8-4-4-4-12 form (lower case once normalised). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The largest Postgres `integer`, the bound of every request number stored in one (versions). */
export const INT4_MAX = 2_147_483_647;

const lowerCase = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.toLowerCase() : value);

/** A UUID in any case; the DTO holds it in lower case, so the domain, tags and keys see one spelling. */
export const UuidField = (): PropertyDecorator => applyDecorators(Transform(lowerCase), Matches(UUID, { message: '$property must be a UUID' }));

/** An instant (see `parseInstant`); the DTO holds its canonical `toISOString()` form, so equal instants are equal strings. */
export const InstantField = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }) => canonicalInstant(value)),
    ValidateBy({
      name: 'isInstant',
      validator: {
        validate: (value) => parseInstant(value) !== undefined,
        defaultMessage: buildMessage((prefix) => `${prefix}$property must be a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SS with Z or an offset) between years 0001 and 9999`),
      },
    }),
  );

const DECIMAL = /^-?\d{1,20}$/;

/**
 * An integer in a query string (`min`..`max`): only plain decimal digits become a number, so
 * `0x10`, `1e3`, ` 5` or an empty value fail instead of turning into some other number.
 */
export const QueryIntField = (min: number, max: number): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value)),
    IsInt(),
    Min(min),
    Max(max),
  );

/** An integer in a JSON body (`min`..`max`); a string of digits is refused, as JSON has numbers. */
export const BodyIntField = (min: number, max: number): PropertyDecorator => applyDecorators(IsInt(), Min(min), Max(max));

/**
 * A keyset cursor, checked with the endpoint's own `decode` (which throws, such as
 * `InvalidCursorError` for a cursor the endpoint did not issue), so a made-up cursor fails here
 * and never reaches SQL. The DTO keeps the cursor as sent: it is opaque.
 */
export const CursorField = (decode: (cursor: string) => unknown): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }) => {
      if (typeof value === 'string') decode(value);
      return value;
    }),
    IsString(),
    MaxLength(512),
  );

/** JSON whose keys and strings Postgres can store (no NUL, no unpaired surrogate: jsonb refuses both). */
export const StorableJson = (): PropertyDecorator =>
  ValidateBy({
    name: 'isStorableJson',
    validator: {
      validate: (value) => isStorableJson(value),
      defaultMessage: buildMessage((prefix) => `${prefix}$property must not contain NUL characters or unpaired UTF-16 surrogates`),
    },
  });
