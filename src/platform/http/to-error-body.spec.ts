import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { AppError } from '../errors/index.js';
import { toErrorBody } from './to-error-body.js';

class ThingMissing extends AppError {
  readonly code = 'THING.NOT_FOUND';
  readonly kind = 'not_found' as const;
}

class ThingBusy extends AppError {
  readonly code = 'THING.BUSY';
  readonly kind = 'unavailable' as const;
  readonly retryAfterSeconds = 30;
}

describe('toErrorBody', () => {
  it('maps an AppError by kind and keeps its code and message', () => {
    expect(toErrorBody(new ThingMissing('Thing 7 not found'))).toEqual({ body: { statusCode: 404, code: 'THING.NOT_FOUND', message: 'Thing 7 not found' }, expected: true });
  });

  it('hands on the Retry-After seconds of an AppError that carries them', () => {
    expect(toErrorBody(new ThingBusy('Busy'))).toEqual({ body: { statusCode: 503, code: 'THING.BUSY', message: 'Busy' }, expected: true, retryAfterSeconds: 30 });
  });

  it('joins validation messages into one sentence', () => {
    const { body } = toErrorBody(new BadRequestException(['limit must be an integer', 'agency must be a UUID']));
    expect(body).toEqual({ statusCode: 400, code: 'REQUEST.INVALID', message: 'limit must be an integer; agency must be a UUID' });
  });

  it('names Fastify body failures that Nest wraps', () => {
    const wrapped = new HttpException('Unexpected token', 400, { cause: Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY' }) });
    expect(toErrorBody(wrapped).body.code).toBe('REQUEST.MALFORMED_JSON');
    expect(toErrorBody(new NotFoundException('Cannot GET /x')).body).toEqual({ statusCode: 404, code: 'ROUTE.NOT_FOUND', message: 'Cannot GET /x' });
  });

  it('keeps the code of an AppError that Nest wrapped (a body parser\'s, such as REQUEST.TOO_DEEP)', () => {
    const wrapped = new HttpException('deep', 400, { cause: new ThingMissing('Thing 7 not found') });
    expect(toErrorBody(wrapped).body).toEqual({ statusCode: 404, code: 'THING.NOT_FOUND', message: 'Thing 7 not found' });
  });

  it('turns a lost database connection into 503 and hides anything unknown behind a 500 without details', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(toErrorBody(refused)).toMatchObject({ body: { statusCode: 503, code: 'DATABASE.UNAVAILABLE' }, expected: true });
    const pool = new Error('timeout exceeded when trying to connect');
    expect(toErrorBody(pool).body.statusCode).toBe(503);
    expect(toErrorBody(new TypeError('x is undefined'))).toEqual({ body: { statusCode: 500, code: 'INTERNAL', message: 'Internal server error' }, expected: false });
  });
});
