import type { OperationObject, ResponseObject } from '@nestjs/swagger';
import { documentedCodes } from './error-response.js';
import { addErrorCodes, addResponseHeaders, isSuccess } from './operation-rule.js';

const operation = (): OperationObject => ({ responses: { 200: { description: 'OK' } } });

describe('operation edits', () => {
  it('merges codes into a status, keeping the ones it had and its headers', () => {
    const op = operation();
    addErrorCodes(op, 429, ['REQUEST.RATE_LIMITED'], { 'Retry-After': { required: true, schema: { type: 'integer' } } });
    addErrorCodes(op, 429, ['QUOTA.EXCEEDED', 'REQUEST.RATE_LIMITED']);
    const tooMany = op.responses[429] as ResponseObject;
    expect(documentedCodes(tooMany)).toEqual(['REQUEST.RATE_LIMITED', 'QUOTA.EXCEEDED']);
    expect(Object.keys(tooMany.headers ?? {})).toEqual(['Retry-After']);
    expect(tooMany.content?.['application/json'].schema).toMatchObject({ required: ['statusCode', 'code', 'message'], properties: { statusCode: { enum: [429] } } });
    expect(tooMany.description).toBe('Too many requests: retry after `Retry-After` seconds. Codes: `REQUEST.RATE_LIMITED`, `QUOTA.EXCEEDED`.');
  });

  it('adds headers to the responses a filter picks', () => {
    const op = operation();
    addErrorCodes(op, 404, ['THING.NOT_FOUND']);
    addResponseHeaders(op, { ETag: { schema: { type: 'string' } } }, isSuccess);
    expect(Object.keys((op.responses[200] as ResponseObject).headers ?? {})).toEqual(['ETag']);
    expect((op.responses[404] as ResponseObject).headers).toBeUndefined();
  });
});
