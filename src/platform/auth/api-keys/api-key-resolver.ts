import { Logger } from '@nestjs/common';
import { type Identity, refusedIdentity } from '../identity.js';
import { BoundedMap } from '../bounded-map.js';
import { constantTimeEqual } from '../credentials/constant-time.js';
import type { ApiKeyRecord } from './api-key.record.js';
import { hashSecret, parseApiKey } from './api-key-token.js';
import type { KeyChange, KeyChangeBus } from './key-change-bus.js';

export interface ApiKeyCacheSettings {
  /** Key records kept in process. */
  maxKeys: number;
  /** How long a record is trusted without asking Postgres again: the bound on a revocation whose message was lost. */
  ttlMs: number;
  /** Ids known not to exist, kept so a repeated unknown key costs no query. */
  maxUnknown: number;
  unknownTtlMs: number;
}

export interface ApiKeyFinder {
  find(id: string): Promise<ApiKeyRecord | undefined>;
}

const MALFORMED = refusedIdentity('The API key is malformed');
const REFUSED = refusedIdentity('The API key is unknown, revoked or wrong');
const UNVERIFIABLE = refusedIdentity('API keys cannot be checked right now', 'unverifiable');

interface Cached {
  record: ApiKeyRecord;
  expiresAt: number;
}

/**
 * Resolves `Authorization: Bearer hp_…` to an identity. Hot path: a known key is one Map
 * lookup by its id, one SHA-256 of its secret (~0.3 µs) and a constant-time compare of the
 * hashes, without a promise. A map keyed by the raw key would skip the hash, but it would
 * hold every secret in clear for the process's life and compare attacker-chosen strings
 * with V8's early-exit equality. Unknown ids are remembered too, so repeating a made-up key
 * costs no query; concurrent lookups of one id share one query. Creations and revocations
 * reach every instance over the key-change bus (the cached id is dropped and read again),
 * and a record is read again at the latest `ttlMs` after it was loaded.
 */
export class ApiKeyResolver {
  private readonly logger = new Logger('ApiKeys');
  private readonly records: BoundedMap<string, Cached>;
  private readonly unknown: BoundedMap<string, number>;
  private readonly loading = new Map<string, Promise<ApiKeyRecord | undefined>>();
  private readonly listeners = new Set<(change: KeyChange | undefined) => void>();
  /** Changes heard of so far: a load that raced one is answered but not cached. */
  private changes = 0;

  constructor(
    private readonly finder: ApiKeyFinder,
    private readonly settings: ApiKeyCacheSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.records = new BoundedMap(settings.maxKeys);
    this.unknown = new BoundedMap(settings.maxUnknown);
  }

  /** Starts hearing of key changes; never blocks start-up on Redis. */
  listen(bus: KeyChangeBus): void {
    bus.subscribe((change) => this.forget(change), () => this.forget(undefined)).catch((error: unknown) => {
      this.logger.warn({ msg: 'API key changes cannot be heard; revocations reach this instance within the key cache TTL', error: String(error) });
    });
  }

  resolve(token: string): Identity | Promise<Identity> {
    const parts = parseApiKey(token);
    if (!parts) return MALFORMED;
    const now = this.now();
    const cached = this.records.get(parts.id);
    if (cached !== undefined && cached.expiresAt > now) return verify(cached.record, parts.secret);
    const unknownUntil = this.unknown.get(parts.id);
    if (unknownUntil !== undefined && unknownUntil > now) return REFUSED;
    return this.load(parts.id).then(
      (record) => (record ? verify(record, parts.secret) : REFUSED),
      (error: unknown) => {
        this.logger.warn({ msg: 'API key lookup failed', error: String(error) });
        return UNVERIFIABLE;
      },
    );
  }

  /** Drops what is cached about `change.id`, or everything (undefined: messages may have been missed). */
  forget(change: KeyChange | undefined): void {
    this.changes++;
    if (change) {
      this.records.delete(change.id);
      this.unknown.delete(change.id);
    } else {
      this.records.clear();
      this.unknown.clear();
    }
    for (const listener of this.listeners) listener(change);
  }

  /** Calls `listener` after each change this instance hears of (undefined: forgot everything); returns the unsubscribe. */
  onChange(listener: (change: KeyChange | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private load(id: string): Promise<ApiKeyRecord | undefined> {
    let pending = this.loading.get(id);
    if (pending) return pending;
    const mark = this.changes;
    pending = this.finder.find(id).then(
      (record) => {
        this.loading.delete(id);
        if (this.changes === mark) {
          const now = this.now();
          if (record) this.records.set(id, { record, expiresAt: now + this.settings.ttlMs });
          else this.unknown.set(id, now + this.settings.unknownTtlMs);
        }
        return record;
      },
      (error: unknown) => {
        this.loading.delete(id);
        throw error;
      },
    );
    this.loading.set(id, pending);
    return pending;
  }
}

function verify(record: ApiKeyRecord, secret: string): Identity {
  if (!constantTimeEqual(hashSecret(secret), record.secretHash) || record.revoked) return REFUSED;
  return record.identity;
}
