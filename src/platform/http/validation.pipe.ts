import { RequestValidationPipe } from './validation/index.js';

/** Request DTO validation (see `validateRequest`): unknown names refused by own keys, values canonical. */
export function createValidationPipe(): RequestValidationPipe {
  return new RequestValidationPipe();
}
