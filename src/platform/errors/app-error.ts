/**
 * What went wrong, independent of transport; the HTTP edge maps each kind to a status.
 */
export type ErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'rate_limited' | 'unavailable';

/** Base of every expected failure: a stable `code` (e.g. `CONTRACT.NOT_FOUND`) and a kind. */
export abstract class AppError extends Error {
  abstract readonly code: string;
  abstract readonly kind: ErrorKind;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
