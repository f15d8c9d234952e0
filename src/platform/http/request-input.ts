import { UUID } from './validation/fields.js';
import { InvalidRequestError } from './validation/invalid-request.error.js';

/** A UUID from a request, lower-cased (the one form ids take past the edge); 400 `REQUEST.INVALID` for anything else. */
export function canonicalUuid(value: unknown, name: string): string {
  if (typeof value !== 'string' || !UUID.test(value.toLowerCase())) throw new InvalidRequestError([`${name} must be a UUID`]);
  return value.toLowerCase();
}

/**
 * The input of a route on one resource that takes no query (`GET /things/:id`): its id,
 * lower-cased. Throws the 400 its DTOs (`IdParamsDto`, `NoQueryDto`) would, without running
 * them: a cached route computes it for every request.
 */
export function idInput(request: { params: unknown; query: unknown }): string {
  const names = Object.keys((request.query as object | null) ?? {});
  if (names.length > 0) throw new InvalidRequestError(names.map((name) => `property ${name} should not exist`));
  return canonicalUuid((request.params as { id?: unknown } | null)?.id, 'id');
}
