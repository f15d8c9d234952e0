import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { InvalidRequestError } from './invalid-request.error.js';
import { declaresNothing, unknownProperties } from './known-properties.js';

/** A request DTO with rules across its fields; `checkRequest` throws an AppError (e.g. an invalid filter's own code). */
export interface CheckedRequest {
  checkRequest(): void;
}

const NO_VALUE = {};

function messages(errors: readonly ValidationError[], path = ''): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((message) => `${path}${message}`),
    ...messages(error.children ?? [], `${path}${error.property}.`),
  ]);
}

/**
 * Validates one part of a request (path parameters, query or body) against its DTO class and
 * returns the DTO with canonical values: numbers as numbers, UUIDs in lower case, instants as
 * `toISOString()`. Throws `InvalidRequestError` (400 `REQUEST.INVALID`), or the AppError of a
 * transform or of the DTO's `checkRequest` (such as 400 `PAGINATION.INVALID_CURSOR`): the same
 * errors whether Nest's pipe runs it or a hook that runs before Nest's pipeline.
 */
export function validateRequest<T extends object>(type: Type<T>, raw: unknown): T {
  const value = raw ?? NO_VALUE;
  const unknown = unknownProperties(type, value);
  if (unknown.length > 0) throw new InvalidRequestError(unknown.map((name) => `property ${name} should not exist`));
  if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidRequestError(['the request must be a JSON object']);
  // Nothing declared and nothing sent (checked above): no transform or rule can apply.
  if (declaresNothing(type)) return new type();
  const dto = plainToInstance(type, value, { enableImplicitConversion: false });
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false, stopAtFirstError: false });
  if (errors.length > 0) throw new InvalidRequestError(messages(errors));
  (dto as Partial<CheckedRequest>).checkRequest?.();
  return dto;
}
