import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { validateRequest } from './validate-request.js';

const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Array, Object]);

/** Nest's side of `validateRequest`: every `@Body()`, `@Query()` and `@Param()` bound to a DTO class. */
@Injectable()
export class RequestValidationPipe implements PipeTransform {
  transform(value: unknown, { metatype, type }: ArgumentMetadata): unknown {
    if (type === 'custom' || !metatype || PRIMITIVES.has(metatype)) return value;
    return validateRequest(metatype as new () => object, value);
  }
}
