import { Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { addGateHeader, type GateRoute, type RequestGate, RequestGateProvider } from '../../http/index.js';
import { AuthForbiddenError, AuthInvalidError, AuthRequiredError, AuthUnavailableError } from '../auth.errors.js';
import { ROUTE_POLICY } from '../auth.constants.js';
import { identityOf } from '../identity.js';
import { allows, type RoutePolicy } from '../route-policy.js';

/** After the rate limiter: refused requests still count against their budget. */
export const AUTHORIZATION_GATE_ORDER = 30;

/**
 * Enforces the route's policy (`@Public()`, `@Roles()`, or a prefix policy of the module's
 * options, all found in the route config): 401 `AUTH.REQUIRED` without credentials where
 * they are needed, 401 `AUTH.INVALID` for refused credentials on any route, 503
 * `AUTH.UNAVAILABLE` when they could not be checked, 403 `AUTH.FORBIDDEN` for a role the
 * route does not allow. A request no route matched (404) has nothing to protect.
 */
@Injectable()
@RequestGateProvider(AUTHORIZATION_GATE_ORDER)
export class AuthorizationGate implements RequestGate {
  check(request: IncomingMessage, response: ServerResponse, route: GateRoute): void {
    const policy = route[ROUTE_POLICY] as RoutePolicy | undefined;
    if (policy === undefined) return;
    const identity = identityOf(request);
    if (identity.refused !== undefined) {
      if (identity.refused === 'unverifiable') throw new AuthUnavailableError(identity.reason ?? 'Credentials cannot be checked right now');
      if (!policy.public) addGateHeader(response, 'www-authenticate', policy.challenge);
      throw new AuthInvalidError(identity.reason ?? 'The credentials sent are not valid');
    }
    if (policy.public) return;
    if (identity.kind === 'anonymous') {
      addGateHeader(response, 'www-authenticate', policy.challenge);
      throw new AuthRequiredError(`This route needs credentials with the ${policy.roles.join(' or ')} role: Authorization: Bearer <API key>`);
    }
    if (!allows(identity, policy.roles)) throw new AuthForbiddenError(`This route needs the ${policy.roles.join(' or ')} role; the credentials sent have ${identity.roles.join(', ') || 'no role'}`);
  }
}
