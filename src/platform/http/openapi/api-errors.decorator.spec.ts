import 'reflect-metadata';
import { API_ERRORS } from './openapi.constants.js';
import { ApiErrors } from './api-errors.decorator.js';

class NotFound {
  static readonly code = 'THING.NOT_FOUND';
}

describe('ApiErrors', () => {
  it('records codes by status on the handler, from classes or strings, adding up repeated uses without duplicates', () => {
    class Controller {
      @ApiErrors({ 404: [NotFound], 503: ['THING.BUSY'] })
      @ApiErrors({ 404: ['THING.NOT_FOUND', 'THING.GONE'] })
      get(): void {}
    }
    expect(Reflect.getMetadata(API_ERRORS, Controller.prototype.get)).toEqual({ 404: ['THING.NOT_FOUND', 'THING.GONE'], 503: ['THING.BUSY'] });
  });

  it('records them on the class when it decorates a controller', () => {
    @ApiErrors({ 409: ['THING.CONFLICT'] })
    class Controller {}
    expect(Reflect.getMetadata(API_ERRORS, Controller)).toEqual({ 409: ['THING.CONFLICT'] });
  });
});
