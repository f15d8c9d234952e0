import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { ROUTE_POLICY } from './auth.constants.js';
import { MissingRoutePolicyError } from './auth.errors.js';
import type { AuthModuleOptions } from './auth-options.js';
import { AUTH_OPTIONS } from './auth.module-definition.js';
import { PUBLIC_POLICY, rolesPolicy, type RoutePolicy } from './route-policy.js';

export interface PolicedRoute {
  method: string;
  url: string;
  policy: RoutePolicy;
}

/**
 * Every route must say who may call it. Watches each Fastify route as it is added (its
 * onRoute hook is registered when this provider is built, before any route exists): a route
 * without `@Public()` or `@Roles()` gets the policy of the longest matching prefix from the
 * options, written into its config where the gates read it; with neither, start-up fails
 * naming the route. Keeps the list of routes and their policies.
 */
@Injectable()
export class RoutePolicies {
  private readonly found: PolicedRoute[] = [];
  private readonly prefixes: [prefix: string, policy: RoutePolicy][];

  constructor(adapterHost: HttpAdapterHost, @Inject(AUTH_OPTIONS) options: AuthModuleOptions) {
    this.prefixes = Object.entries(options.prefixPolicies ?? {})
      .map(([prefix, policy]): [string, RoutePolicy] => [prefix.replace(/\/+$/, ''), policy === 'public' ? PUBLIC_POLICY : rolesPolicy(policy)])
      .sort(([a], [b]) => b.length - a.length);
    adapterHost.httpAdapter?.getInstance<FastifyInstance>().addHook('onRoute', (route) => this.police(route));
  }

  /** The routes added so far, one entry per method. */
  get routes(): readonly PolicedRoute[] {
    return this.found;
  }

  private police(route: RouteOptions): void {
    const config = (route.config ?? {}) as Record<string, unknown>;
    let policy = config[ROUTE_POLICY] as RoutePolicy | undefined;
    if (policy === undefined) {
      policy = this.prefixPolicy(route.url);
      if (policy === undefined) {
        throw new MissingRoutePolicyError(`${[route.method].flat().join(',')} ${route.url} has no access policy: mark it (or its controller) @Public() or @Roles(...), or cover its path with a prefix policy of AuthModule`);
      }
      route.config = { ...config, [ROUTE_POLICY]: policy } as RouteOptions['config'];
    }
    for (const method of [route.method].flat()) this.found.push({ method, url: route.url, policy });
  }

  private prefixPolicy(url: string): RoutePolicy | undefined {
    for (const [prefix, policy] of this.prefixes) if (url === prefix || url.startsWith(`${prefix}/`) || prefix === '') return policy;
    return undefined;
  }
}
