import { AppError } from '../errors/index.js';

/** The database could not serve the query in time: pool exhausted, server down or statement timeout. */
export class DatabaseUnavailableError extends AppError {
  static readonly code = 'DATABASE.UNAVAILABLE';
  readonly code = DatabaseUnavailableError.code;
  readonly kind = 'unavailable' as const;
}

const UNAVAILABLE_SQLSTATES = new Set(['57014', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08006']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/**
 * Recognises failures that mean "the database cannot answer now" (as opposed to a bad query)
 * and wraps them; anything else is returned unchanged.
 */
export function toDatabaseError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof AppError) return error;
  const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
  const message = error.message;
  if (
    (code && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code))) ||
    /timeout exceeded when trying to connect|Connection terminated|connection timeout|Client has encountered a connection error/i.test(message)
  ) {
    const reason = code === '57014' ? 'query exceeded the statement timeout' : 'no database connection available';
    return new DatabaseUnavailableError(`Database unavailable: ${reason}`, { cause: error });
  }
  return error;
}
