import { AppError } from '../errors/index.js';

/** No credentials on a route that needs them. */
export class AuthRequiredError extends AppError {
  static readonly code = 'AUTH.REQUIRED';
  readonly code = AuthRequiredError.code;
  readonly kind = 'unauthorized' as const;
}

/** Credentials were sent but are malformed, unknown, revoked, expired or wrong. */
export class AuthInvalidError extends AppError {
  static readonly code = 'AUTH.INVALID';
  readonly code = AuthInvalidError.code;
  readonly kind = 'unauthorized' as const;
}

/** Valid credentials without a role the route allows. */
export class AuthForbiddenError extends AppError {
  static readonly code = 'AUTH.FORBIDDEN';
  readonly code = AuthForbiddenError.code;
  readonly kind = 'forbidden' as const;
}

/** The credentials could not be checked now (the key store or the identity provider's keys are out of reach). */
export class AuthUnavailableError extends AppError {
  static readonly code = 'AUTH.UNAVAILABLE';
  readonly code = AuthUnavailableError.code;
  readonly kind = 'unavailable' as const;
}

/** Start-up refusal: a route without an access policy. */
export class MissingRoutePolicyError extends Error {}
