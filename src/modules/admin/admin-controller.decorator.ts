import { applyDecorators, Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/index.js';

/** A controller under /admin: admin role only (an admin API key, JWT or ADMIN_TOKEN), and left out of the public OpenAPI document. */
export const AdminController = (path: string): ClassDecorator => applyDecorators(ApiExcludeController(), Controller(path), Roles('admin'));
