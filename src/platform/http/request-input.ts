import { UUID } from './validation/fields.js';
import { InvalidRequestError } from './validation/invalid-request.error.js';

/** A UUID from a request, lower-cased (the one form ids take past the edge); 400 `REQUEST.INVALID` for anything else. */
export function canonicalUuid(value: unknown, name: string): string {
  if (typeof value !== 'string' || !UUID.test(value.toLowerCase())) throw new InvalidRequestError([`${name} must be a UUID`]);
  return value.toLowerCase();
}
