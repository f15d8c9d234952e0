import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/index.js';
import { AppError } from '../errors/index.js';

export class AdminDisabledError extends AppError {
  static readonly code = 'ADMIN.DISABLED';
  readonly code = AdminDisabledError.code;
  readonly kind = 'unavailable' as const;
}

export class AdminUnauthorizedError extends AppError {
  static readonly code = 'ADMIN.UNAUTHORIZED';
  readonly code = AdminUnauthorizedError.code;
  readonly kind = 'unauthorized' as const;
}

/** `Authorization: Bearer <ADMIN_TOKEN>`; admin endpoints answer 503 while no token is configured. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(config: AppConfig) {
    this.expected = Buffer.from(`Bearer ${config.admin.token}`);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.expected.length === 'Bearer '.length) throw new AdminDisabledError('Admin endpoints are disabled: set ADMIN_TOKEN to enable them');
    const given = Buffer.from(context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '');
    if (given.length !== this.expected.length || !timingSafeEqual(given, this.expected)) {
      throw new AdminUnauthorizedError('Admin endpoints need Authorization: Bearer <ADMIN_TOKEN>');
    }
    return true;
  }
}
