import { HttpException } from '@nestjs/common';
import { toDatabaseError } from '../database/index.js';
import { AppError } from '../errors/index.js';
import { codeForStatus, type ErrorBody, STATUS_BY_KIND } from './error-body.js';

const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST.MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST.MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST.TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST.INVALID',
};

/**
 * Maps anything thrown while serving a request to the public error body. `expected` is false
 * for failures that deserve an error log (a 500: the message is replaced, never a stack).
 * `retryAfterSeconds`, from an `AppError` that carries it, goes out as `Retry-After`.
 */
export function toErrorBody(thrown: unknown): { body: ErrorBody; expected: boolean; retryAfterSeconds?: number } {
  const error = toDatabaseError(thrown);
  if (error instanceof AppError) {
    const { details, retryAfterSeconds } = error as { details?: unknown; retryAfterSeconds?: number };
    const body = { statusCode: STATUS_BY_KIND[error.kind], code: error.code, message: error.message, ...(details === undefined ? {} : { details }) };
    return retryAfterSeconds === undefined ? { body, expected: true } : { body, expected: true, retryAfterSeconds };
  }
  // Nest wraps what a body parser or a Fastify hook failed with; our own errors keep their code.
  if (error instanceof HttpException && error.cause instanceof AppError) return toErrorBody(error.cause);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest wraps Fastify's own failures (body parsing, limits) and keeps them as the cause.
    const fastifyCode = (error.cause as { code?: string } | undefined)?.code;
    const code = (fastifyCode && FASTIFY_CODES[fastifyCode]) || codeForStatus(status);
    const message = code === 'REQUEST.MALFORMED_JSON' ? `Malformed JSON body: ${httpExceptionMessage(error)}` : httpExceptionMessage(error);
    return { body: { statusCode: status, code, message }, expected: status < 500 };
  }
  return { body: { statusCode: 500, code: 'INTERNAL', message: 'Internal server error' }, expected: false };
}

function httpExceptionMessage(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}
