import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/index.js';
import { AdminToken } from './admin-token.js';

/** Admin endpoints need the admin token (see AdminToken); they answer 503 while none is configured. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly token: AdminToken;

  constructor(config: AppConfig) {
    this.token = new AdminToken(config.admin.token);
  }

  canActivate(context: ExecutionContext): boolean {
    this.token.check(context.switchToHttp().getRequest<FastifyRequest>().headers);
    return true;
  }
}
