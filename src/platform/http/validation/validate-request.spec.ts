import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { AppError } from '../../errors/index.js';
import { InstantField, QueryIntField, UuidField } from './fields.js';
import { InvalidRequestError } from './invalid-request.error.js';
import { IdParamsDto, NoQueryDto } from './request-params.dto.js';
import { type CheckedRequest, validateRequest } from './validate-request.js';

class RangeError extends AppError {
  readonly code = 'THING.INVALID_RANGE';
  readonly kind = 'invalid' as const;
}

class ScopeDto {
  @IsOptional() @UuidField() agencyId?: string;
}

class QueryDto implements CheckedRequest {
  @IsOptional() @InstantField() from?: string;
  @IsOptional() @InstantField() to?: string;
  @IsOptional() @QueryIntField(1, 100) limit?: number;
  @IsOptional() @ValidateNested() @Type(() => ScopeDto) scope?: ScopeDto;

  checkRequest(): void {
    if (this.from && this.to && this.from >= this.to) throw new RangeError('from must be before to');
  }
}

const problems = (run: () => unknown): readonly string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.problems;
    throw error;
  }
  throw new Error('no error');
};

describe('validateRequest', () => {
  it('returns the DTO with canonical values: numbers, lower-case UUIDs, toISOString instants', () => {
    const dto = validateRequest(QueryDto, { from: '2024-01-01', to: '2024-01-01T10:00:00+01:00', limit: '20', scope: { agencyId: 'A3F1C3DE-1111-4222-8333-944444444444' } });
    expect(dto).toBeInstanceOf(QueryDto);
    expect({ ...dto, scope: { ...dto.scope } }).toEqual({ from: '2024-01-01T00:00:00.000Z', to: '2024-01-01T09:00:00.000Z', limit: 20, scope: { agencyId: 'a3f1c3de-1111-4222-8333-944444444444' } });
    expect(validateRequest(IdParamsDto, { id: 'A3F1C3DE-1111-4222-8333-944444444444' }).id).toBe('a3f1c3de-1111-4222-8333-944444444444');
  });

  it('refuses names the DTO does not declare by own keys, Object.prototype members and nested ones included', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty', 'other']) {
      const raw = JSON.parse(`{"${name}":"x"}`) as object;
      expect(problems(() => validateRequest(QueryDto, raw))).toEqual([`property ${name} should not exist`]);
      expect(problems(() => validateRequest(QueryDto, { scope: raw }))).toEqual([`property scope.${name} should not exist`]);
      expect(problems(() => validateRequest(NoQueryDto, raw))).toEqual([`property ${name} should not exist`]);
    }
  });

  it('lists every broken rule in one InvalidRequestError (400 REQUEST.INVALID)', () => {
    const listed = problems(() => validateRequest(QueryDto, { from: '2024-W01-1', limit: '0x10', scope: { agencyId: 'nope' } }));
    expect(listed).toEqual(expect.arrayContaining([expect.stringMatching(/^from must be a date/), 'limit must be an integer number', 'scope.agencyId must be a UUID']));
    expect(problems(() => validateRequest(QueryDto, ['x']))).toEqual(['the request must be a JSON object']);
  });

  it("runs the DTO's checkRequest after validation, so its own error (and code) comes out", () => {
    expect(() => validateRequest(QueryDto, { from: '2024-02-01', to: '2024-01-01' })).toThrow(RangeError);
    expect(validateRequest(NoQueryDto, undefined)).toBeInstanceOf(NoQueryDto);
  });
});
