import type { HeaderObject, SecuritySchemeObject } from '@nestjs/swagger';
import { addErrorCodes, extensionOf, type OperationRule, setExtension } from '../http/index.js';
import { ROUTE_POLICY } from './auth.constants.js';
import { AuthForbiddenError, AuthInvalidError, AuthRequiredError, AuthUnavailableError } from './auth.errors.js';
import type { RoutePolicy } from './route-policy.js';

/** Name of the security scheme every operation refers to. */
export const BEARER_SCHEME = 'bearer';

/** Operation extension listing the roles a route needs (admin may call every route). */
export const REQUIRED_ROLES_EXTENSION = 'x-required-roles';

export const bearerSecurityScheme: SecuritySchemeObject = {
  type: 'http',
  scheme: 'bearer',
  description:
    '`Authorization: Bearer <token>`: an API key (`hp_<id>_<secret>`, made with `npm run api-keys`), a JWT from the identity provider the server trusts, or the break-glass admin token. Roles: `editor`, `analyst`, `admin` (admin may call every route); a route that needs one lists it in `x-required-roles`. Credentials that are sent are checked on every route, public ones included.',
};

const CHALLENGE: Record<string, HeaderObject> = {
  'WWW-Authenticate': { description: 'The schemes the route accepts (admin routes add Basic, so that a browser prompts).', schema: { type: 'string' } },
};

/** The roles an operation needs, or undefined for a public one. */
export const requiredRoles = (operation: Parameters<OperationRule>[0]['operation']): readonly string[] | undefined => extensionOf<readonly string[]>(operation, REQUIRED_ROLES_EXTENSION);

/**
 * Security and auth answers from the route's `@Public()` or `@Roles()`: a public route takes
 * credentials optionally and refuses bad ones (401); a role route needs them (401), with a role
 * (403). Credentials that cannot be checked now answer 503 anywhere.
 */
export const authRule: OperationRule = ({ method, path, operation, metadata }) => {
  const policy = metadata<RoutePolicy>(ROUTE_POLICY);
  if (policy === undefined) throw new Error(`${method.toUpperCase()} ${path} has no access policy: mark it (or its controller) @Public() or @Roles(...)`);
  addErrorCodes(operation, 503, [AuthUnavailableError.code]);
  if (policy.public) {
    operation.security = [{}, { [BEARER_SCHEME]: [] }];
    addErrorCodes(operation, 401, [AuthInvalidError.code]);
    return;
  }
  operation.security = [{ [BEARER_SCHEME]: [] }];
  setExtension(operation, REQUIRED_ROLES_EXTENSION, [...policy.roles]);
  const roles = `Needs the ${policy.roles.join(' or ')} role${policy.roles.includes('admin') ? '' : ' (or admin)'}.`;
  operation.description = operation.description ? `${operation.description}\n\n${roles}` : roles;
  addErrorCodes(operation, 401, [AuthRequiredError.code, AuthInvalidError.code], CHALLENGE);
  addErrorCodes(operation, 403, [AuthForbiddenError.code]);
};
