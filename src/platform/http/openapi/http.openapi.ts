import type { HeaderObject, ResponseObject } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { JsonTooDeepError } from '../body/json-too-deep.error.js';
import { RequestTimeoutError } from '../request-timeout.error.js';
import { InvalidRequestError } from '../validation/invalid-request.error.js';
import type { ApiErrorCodes } from './api-errors.decorator.js';
import { type ErrorStatus, isErrorStatus } from './error-response.js';
import { API_ERRORS } from './openapi.constants.js';
import { addErrorCodes, addResponseHeaders, type OperationRule } from './operation-rule.js';

const BODY_METHODS = new Set(['post', 'put', 'patch']);

const REQUEST_ID: Record<string, HeaderObject> = {
  'X-Request-Id': { description: "The request's id (the caller's `X-Request-Id` when valid), as logged; absent when Node refused the request before any route.", schema: { type: 'string' } },
};

/**
 * What the HTTP layer answers on every route: a query or path it cannot validate, a URL, path
 * or header block it refuses, a handler past the request timeout; and on every method that
 * takes a body, a body it cannot read.
 */
export const httpRequestRules: OperationRule = ({ method, operation }) => {
  addErrorCodes(operation, 400, [InvalidRequestError.code, 'REQUEST.BAD_URL', 'REQUEST.MALFORMED']);
  addErrorCodes(operation, 414, ['REQUEST.URL_TOO_LONG']);
  addErrorCodes(operation, 431, ['REQUEST.HEADERS_TOO_LARGE']);
  addErrorCodes(operation, 503, [RequestTimeoutError.code]);
  if (BODY_METHODS.has(method)) {
    addErrorCodes(operation, 400, ['REQUEST.MALFORMED_JSON', JsonTooDeepError.code]);
    addErrorCodes(operation, 413, ['REQUEST.TOO_LARGE']);
    addErrorCodes(operation, 415, ['REQUEST.UNSUPPORTED_MEDIA_TYPE']);
  }
};

const NO_STORE: Record<string, HeaderObject> = {
  'Cache-Control': { description: '`no-store`: an error is never reused.', schema: { type: 'string', enum: ['no-store'] } },
};

/**
 * Headers on every answer of the operation (run it after the rules that add statuses):
 * `X-Request-Id`, and `Cache-Control: no-store` on errors; a status's name where nothing
 * describes it.
 */
export const responseHeadersRule: OperationRule = ({ operation }) => {
  addResponseHeaders(operation, REQUEST_ID);
  addResponseHeaders(operation, NO_STORE, isErrorStatus);
  for (const [status, response] of Object.entries(operation.responses) as [string, ResponseObject][]) response.description ||= STATUS_CODES[status] ?? status;
};

/** The codes a route declares with `@ApiErrors`. */
export const declaredErrorsRule: OperationRule = ({ operation, metadata }) => {
  const declared = metadata<ApiErrorCodes>(API_ERRORS) ?? {};
  for (const [status, codes] of Object.entries(declared)) addErrorCodes(operation, Number(status) as ErrorStatus, codes as string[]);
};
