import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AdminTokenGuard } from './admin-token.guard.js';

/** A controller under /admin: behind the admin token, and left out of the public OpenAPI document. */
export const AdminController = (path: string): ClassDecorator => applyDecorators(ApiExcludeController(), Controller(path), UseGuards(AdminTokenGuard));
