import { AppError } from '../../errors/index.js';

export class JsonTooDeepError extends AppError {
  static readonly code = 'REQUEST.TOO_DEEP';
  readonly code = JsonTooDeepError.code;
  readonly kind = 'invalid' as const;
  /** Read by Fastify when it answers a parser's error itself. */
  readonly statusCode = 400;

  constructor(maxDepth: number) {
    super(`JSON body nests objects and arrays deeper than ${maxDepth} levels`);
  }
}
