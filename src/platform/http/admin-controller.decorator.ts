import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from './admin-token.guard.js';

/** A controller under /admin: behind the admin token, grouped as `admin` in the OpenAPI document. */
export const AdminController = (path: string): ClassDecorator => applyDecorators(ApiTags('admin'), ApiBearerAuth(), Controller(path), UseGuards(AdminTokenGuard));
