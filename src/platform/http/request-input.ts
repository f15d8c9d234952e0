import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID from a request, lower-cased (the one form ids take past the edge); a 400 for anything else. */
export function canonicalUuid(value: unknown, name: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw new BadRequestException(`${name} must be a UUID`);
  return value.toLowerCase();
}

const messagesOf = (errors: ValidationError[]): string[] => errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...messagesOf(e.children ?? [])]);

/**
 * A request part (query, params, body) turned into `type` and validated as the app's
 * ValidationPipe would (unknown names refused): for code that needs the validated input before
 * Nest's pipeline runs, such as a cached route's key. Throws the same 400.
 */
export function validateRequest<T extends object>(type: new () => T, plain: unknown): T {
  // class-transformer skips names the class has as methods (`toString`, `constructor`), and
  // the validator then never sees them: refuse every name the class does not declare first.
  const declared = new Set(getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).map((m) => m.propertyName));
  const unknown = Object.keys(plain ?? {}).filter((name) => !declared.has(name));
  if (unknown.length > 0) throw new BadRequestException(unknown.map((name) => `property ${name} should not exist`));
  const instance = plainToInstance(type, plain ?? {});
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new BadRequestException(messagesOf(errors));
  return instance;
}
