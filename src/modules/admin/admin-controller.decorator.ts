import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/index.js';

/**
 * A controller under /admin: admin role only (an admin API key, JWT or ADMIN_TOKEN). Its routes
 * are in the admin OpenAPI document only: the public one does not map the operators' surface.
 */
export const AdminController = (path: string): ClassDecorator => applyDecorators(ApiTags('admin'), Controller(path), Roles('admin'));
