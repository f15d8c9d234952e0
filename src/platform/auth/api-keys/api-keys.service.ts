import { Logger } from '@nestjs/common';
import type { Role } from '../roles.js';
import type { ApiKeyView } from './api-key.record.js';
import { generateApiKey } from './api-key-token.js';
import type { ApiKeysRepository } from './api-keys.repository.js';
import type { KeyChangeBus } from './key-change-bus.js';

/** A key just created: `key` is shown this once and stored nowhere. */
export type CreatedApiKey = ApiKeyView & { key: string };

/** The outcome of a revocation: `notified` is false when instances could not be told at once (they drop it within the key cache TTL). */
export interface RevokedApiKey {
  key: ApiKeyView;
  notified: boolean;
}

/** Creates, lists and revokes API keys (the `api-keys` script and tests use it). */
export class ApiKeysService {
  private readonly logger = new Logger('ApiKeys');

  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly bus: KeyChangeBus,
  ) {}

  async create(name: string, role: Role): Promise<CreatedApiKey> {
    const { key, id, secretHash } = generateApiKey();
    const view = await this.repository.insert({ id, name, role, secretHash });
    // An instance that saw this id as unknown would refuse it until its negative entry expires.
    await this.notify({ id, change: 'created' });
    return { ...view, key };
  }

  list(): Promise<ApiKeyView[]> {
    return this.repository.list();
  }

  /** Undefined when no key has this id. Revoking twice keeps the first time. */
  async revoke(id: string): Promise<RevokedApiKey | undefined> {
    const key = await this.repository.revoke(id);
    if (!key) return undefined;
    return { key, notified: await this.notify({ id, change: 'revoked' }) };
  }

  private async notify(change: { id: string; change: 'created' | 'revoked' }): Promise<boolean> {
    try {
      await this.bus.publish(change);
      return true;
    } catch (error) {
      this.logger.warn({ msg: 'API key change not published', id: change.id, change: change.change, error: String(error) });
      return false;
    }
  }
}
