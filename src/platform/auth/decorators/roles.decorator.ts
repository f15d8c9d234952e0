import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { MergeRouteConfig } from '../../http/index.js';
import { ROUTE_POLICY } from '../auth.constants.js';
import type { Role } from '../roles.js';
import { rolesPolicy } from '../route-policy.js';

/** Only callers holding one of `roles` (or admin) may call the route, or every route of the controller. */
export const Roles = (...roles: [Role, ...Role[]]): ClassDecorator & MethodDecorator => {
  const policy = rolesPolicy(roles);
  return applyDecorators(
    SetMetadata(ROUTE_POLICY, policy),
    MergeRouteConfig({ [ROUTE_POLICY]: policy }),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'AUTH.REQUIRED (no credentials) or AUTH.INVALID (unknown, revoked or malformed)' }),
    ApiForbiddenResponse({ description: `AUTH.FORBIDDEN: needs the ${roles.join(' or ')} role (or admin)` }),
  );
};
