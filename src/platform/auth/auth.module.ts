import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { KEY_CHANGE_BUS } from './auth.constants.js';
import { ConfigurableAuthModule } from './auth.module-definition.js';
import { AUTH_PROVIDERS } from './auth.providers.js';
import { ApiKeyResolver } from './api-keys/api-key-resolver.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import type { KeyChangeBus } from './api-keys/key-change-bus.js';
import { AuthorizationGate } from './gates/authorization.gate.js';
import { IdentityGate } from './gates/identity.gate.js';
import { RoutePolicies } from './route-policies.js';

/**
 * Identities and roles for the HTTP API, as two request gates (so cached answers written
 * before routing pass them too): the identity gate resolves the caller from an API key, the
 * admin token or a JWT; the authorization gate enforces each route's `@Public()` /
 * `@Roles()` policy. Every route must have one (start-up fails otherwise). Needs the
 * database (TypeORM) and the shared Redis connection.
 */
@Module({
  providers: [...AUTH_PROVIDERS, IdentityGate, AuthorizationGate, RoutePolicies],
  exports: [ApiKeysService, ApiKeyResolver, RoutePolicies],
})
export class AuthModule extends ConfigurableAuthModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly resolver: ApiKeyResolver,
    @Inject(KEY_CHANGE_BUS) private readonly bus: KeyChangeBus,
  ) {
    super();
  }

  onModuleInit(): void {
    this.resolver.listen(this.bus);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
