import { ValidationPipe } from '@nestjs/common';

/** Request DTO validation: unknown fields are rejected, values converted to declared types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
  });
}
