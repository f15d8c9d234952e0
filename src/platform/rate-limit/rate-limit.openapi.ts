import type { HeaderObject } from '@nestjs/swagger';
import { addErrorCodes, addResponseHeaders, type OperationRule } from '../http/index.js';
import { RateLimitedError } from './rate-limit.errors.js';

const integer = { type: 'integer', minimum: 0 } as const;

/** Set on every answer while rate limiting is on, as the answering instance counts. */
export const RATE_LIMIT_HEADERS: Readonly<Record<string, HeaderObject>> = {
  'RateLimit-Limit': { description: "The caller's burst in this route's budget.", schema: integer },
  'RateLimit-Remaining': { description: 'Requests left in the bucket.', schema: integer },
  'RateLimit-Reset': { description: 'Seconds until the bucket is full again.', schema: integer },
};

export const RETRY_AFTER: Readonly<Record<string, HeaderObject>> = {
  'Retry-After': { required: true, description: 'Seconds to wait before trying again.', schema: integer },
};

/** Every route draws on a budget: 429 with `Retry-After` past it. */
export const rateLimitRule: OperationRule = ({ operation }) => addErrorCodes(operation, 429, [RateLimitedError.code], { ...RETRY_AFTER });

/** The limit headers, on every answer of the operation (run it after the rules that add statuses). */
export const rateLimitHeadersRule: OperationRule = ({ operation }) => addResponseHeaders(operation, RATE_LIMIT_HEADERS);
