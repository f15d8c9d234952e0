import { applyDecorators, SetMetadata } from '@nestjs/common';
import { MergeRouteConfig } from '../../http/index.js';
import { ROUTE_POLICY } from '../auth.constants.js';
import type { Role } from '../roles.js';
import { rolesPolicy } from '../route-policy.js';

/** Only callers holding one of `roles` (or admin) may call the route, or every route of the controller. Its OpenAPI security and 401/403 answers come from this (`authRule`). */
export const Roles = (...roles: [Role, ...Role[]]): ClassDecorator & MethodDecorator => {
  const policy = rolesPolicy(roles);
  return applyDecorators(SetMetadata(ROUTE_POLICY, policy), MergeRouteConfig({ [ROUTE_POLICY]: policy }));
};
