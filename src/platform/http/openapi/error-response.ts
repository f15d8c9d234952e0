import type { ResponseObject, SchemaObject } from '@nestjs/swagger';

/** The statuses an error body can carry, each with what it means to a client. */
export const ERROR_STATUS_TEXT = {
  400: 'The request is invalid',
  401: 'Credentials are missing or not accepted',
  403: 'The credentials lack a role the route needs',
  404: 'Nothing here by that id',
  409: 'The request conflicts with the current state',
  413: 'The body is larger than the server accepts',
  414: 'The URL is longer than the server accepts',
  415: 'The body is not JSON',
  429: 'Too many requests: retry after `Retry-After` seconds',
  431: 'The request headers are larger than the server accepts',
  503: 'Unavailable for now: retry later',
} as const;

export type ErrorStatus = keyof typeof ERROR_STATUS_TEXT;

export const isErrorStatus = (status: string | number): boolean => Object.hasOwn(ERROR_STATUS_TEXT, String(status));

/**
 * The one error body, `{ statusCode, code, message }`, for one status and the codes it can carry
 * on one route: closed, so that a client generated from it sees each status's codes as a union.
 */
export function errorBodySchema(status: ErrorStatus, codes: readonly string[]): SchemaObject {
  return {
    type: 'object',
    required: ['statusCode', 'code', 'message'],
    additionalProperties: false,
    properties: {
      statusCode: { type: 'integer', enum: [status] },
      code: { type: 'string', enum: [...codes] },
      message: { type: 'string', description: 'For people: may change between releases; match on `code`.' },
      details: { type: 'object', additionalProperties: true, description: 'Some codes add facts (HEALTH.NOT_READY: each part and its state).' },
    },
  };
}

export function errorResponse(status: ErrorStatus, codes: readonly string[]): ResponseObject {
  return {
    description: `${ERROR_STATUS_TEXT[status]}. Codes: ${codes.map((code) => `\`${code}\``).join(', ')}.`,
    content: { 'application/json': { schema: errorBodySchema(status, codes) } },
  };
}

/** The codes an error response documents (its schema's `code` enum). */
export function documentedCodes(response: ResponseObject): string[] {
  const schema = response.content?.['application/json']?.schema as SchemaObject | undefined;
  return ((schema?.properties?.code as SchemaObject | undefined)?.enum ?? []) as string[];
}
