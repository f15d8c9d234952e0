import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { cacheKey } from './cache-key.js';
import { type CacheEntry, decodeEntry, encodeEntry, etagOf, newEntry, valueOf } from './cache-entry.js';
import { CacheStats, type CacheStatsReport } from './cache-stats.js';
import { SingleFlight } from './single-flight.js';
import type { BusMessage, CacheBus } from './stores/cache-bus.js';
import type { L2Store } from './stores/l2-store.js';
import { TagVersions } from './tag-versions.js';

export interface TieredCacheSettings {
  keyPrefix: string;
  defaultTtlSeconds: number;
  namespaceTtlSeconds: Record<string, number>;
  l1MaxItems: number;
  l1MaxBytes: number;
  /** XFetch beta: above 1 refreshes earlier, below 1 later. */
  earlyRefreshBeta: number;
  /** How long past its TTL an entry may still be served when its loader fails. */
  graceSeconds: number;
  /** With a stale value at hand, wait this long for the loader before serving the stale value. */
  softTimeoutMs: number;
  /** Cross-instance load lock: its expiry, and the longest a waiter waits for the holder's value. */
  lockTtlMs: number;
  /** Tag versions kept in process (least recently used go first); 100,000 by default. */
  maxTags?: number;
}

/** Who loads a missing key across instances: this caller (`owner`), nobody needed (`landed`), or anyone (`free`, Redis away or wait over). */
export type Claim = { kind: 'owner'; token: string } | { kind: 'landed'; entry: CacheEntry } | { kind: 'free' };

/** What a read found: usable now, usable but due for early recomputation, or only usable as a fallback. */
export interface Lookup {
  entry: CacheEntry;
  /**
   * `fresh`: serve. `refresh`: serve, and this read recomputes early (XFetch). `soft`: a tag was
   * softly invalidated; serve while one refresh runs. `stale`: expired, only a fallback.
   */
  state: 'fresh' | 'refresh' | 'soft' | 'stale';
}

export interface InvalidateOptions {
  /** Soft: entries stay servable (marked STALE on HTTP) while one refresh per key runs. Hard by default. */
  soft?: boolean;
}

export interface CacheOptions {
  namespace?: string;
  /** Overrides the namespace's TTL. */
  ttlSeconds?: number;
  tags?: readonly string[];
  /**
   * Tags read off the loaded value. Their versions are read after the load: when this instance
   * has heard of one of them moving since the load started, the value is returned uncached.
   */
  resultTags?: (value: unknown) => readonly string[];
}

const DEFAULT_NAMESPACE = 'api';
const RETRY_INVALIDATION_MS = 1000;

/**
 * Two tiers (in-process LRU, then Redis) with versioned tags and per-process single flight.
 * Redis failures never reach the caller: reads fall back to the loader, invalidations are
 * applied to this instance at once and replayed to Redis when it answers again.
 */
export class TieredCache {
  readonly stats = new CacheStats();
  private readonly l1: LRUCache<string, CacheEntry>;
  private readonly tags: TagVersions;
  private readonly flights = new SingleFlight();
  /** Keys whose XFetch early refresh is running. */
  private readonly refreshing = new Set<string>();
  private readonly instanceId = randomUUID();
  private readonly logger = new Logger('Cache');
  private readonly pendingTags = new Set<string>();
  /** Callers waiting for another instance's load of a key; a key's set goes with its last waiter. */
  private readonly waiters = new Map<string, Set<(what: 'landed' | 'released') => void>>();
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly settings: TieredCacheSettings,
    private readonly l2: L2Store,
    private readonly bus: CacheBus,
    private readonly random: () => number = Math.random,
  ) {
    this.l1 = new LRUCache<string, CacheEntry>({
      max: settings.l1MaxItems,
      maxSize: settings.l1MaxBytes,
      // UTF-16 in memory, plus the entry object and its tag map.
      sizeCalculation: (entry) => entry.raw.length * 2 + 200,
    });
    this.tags = new TagVersions(l2, settings.maxTags);
  }

  /** Starts listening to other instances; never blocks start-up on Redis. */
  listen(): void {
    this.bus.subscribe((message) => this.onBusMessage(message), () => this.tags.forgetAll()).catch((error: unknown) => {
      this.logger.warn({ msg: 'cache bus subscription failed; L1 relies on tag checks against Redis', error: String(error) });
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.retryTimer);
    await this.bus.close();
  }

  key(namespace: string, inputs: unknown): string {
    return cacheKey(this.settings.keyPrefix, namespace, inputs);
  }

  ttlMs(namespace: string, ttlSeconds?: number): number {
    return 1000 * (ttlSeconds ?? this.settings.namespaceTtlSeconds[namespace] ?? this.settings.defaultTtlSeconds);
  }

  get l1Size(): { items: number; bytes: number } {
    return { items: this.l1.size, bytes: this.l1.calculatedSize };
  }

  report(): CacheStatsReport {
    const names = new Set([...Object.keys(this.stats.hits), ...Object.keys(this.stats.misses)]);
    const namespaces: CacheStatsReport['namespaces'] = {};
    let hits = 0;
    let total = 0;
    for (const name of names) {
      const { l1 = 0, l2 = 0 } = this.stats.hits[name] ?? {};
      const misses = this.stats.misses[name] ?? 0;
      namespaces[name] = { l1Hits: l1, l2Hits: l2, misses, hitRatio: ratio(l1 + l2, l1 + l2 + misses), ttlSeconds: this.ttlMs(name) / 1000 };
      hits += l1 + l2;
      total += l1 + l2 + misses;
    }
    const routes = [...this.stats.routes.values()].map((r) => ({ route: r.route, namespace: r.namespace, hits: r.hits, stale: r.stale, misses: r.misses, hitRatio: ratio(r.hits + r.stale, r.hits + r.stale + r.misses), loads: r.loads, meanLoadMs: r.loads ? r.loadMs / r.loads : null }));
    const l1 = { ...this.l1Size, maxItems: this.settings.l1MaxItems, maxBytes: this.settings.l1MaxBytes };
    return { namespaces, hitRatio: ratio(hits, total), l1, routes, hotKeys: this.stats.hotKeys.top(10), coalescedLoads: this.flights.coalesced, lockWaits: this.stats.lockWaits, keysAwaited: this.waiters.size, tagsKnown: this.tags.size, earlyRefreshes: this.stats.earlyRefreshes, staleServed: this.stats.staleServed, invalidations: this.stats.invalidations, l2Errors: this.stats.l2Errors };
  }

  /**
   * Reads L1, then L2 (promoting to L1). An entry whose tags moved is never returned. A live
   * entry is `refresh` when XFetch picks this read to recompute it early
   * (`now - loadMs * beta * ln(1 - random()) >= expiry`), an expired one within the grace
   * period is `stale`.
   */
  async lookup(key: string, namespace = DEFAULT_NAMESPACE): Promise<Lookup | undefined> {
    const now = Date.now();
    let entry = this.l1.get(key);
    let tier: 'l1' | 'l2' = 'l1';
    // Hot path: tag versions already known here answer without awaiting anything.
    if (entry && !(this.usable(entry, now) && (this.tags.matches(entry.tags) ?? (await this.tagsValid(entry))))) {
      this.l1.delete(key);
      entry = undefined;
    }
    if (!entry) {
      const text = await this.l2Call(() => this.l2.get(key));
      const remote = text === undefined ? undefined : decodeEntry(text);
      if (remote && this.usable(remote, now) && (await this.tagsValid(remote))) {
        this.l1.set(key, remote);
        entry = remote;
        tier = 'l2';
      }
    }
    if (!entry) {
      this.stats.miss(namespace);
      return undefined;
    }
    return this.classify(key, entry, now, namespace, tier);
  }

  /** `epoch`: the tag epoch at which this entry's tags were just found current, synchronously (see `peek`). */
  private classify(key: string, entry: CacheEntry, now: number, namespace: string, tier: 'l1' | 'l2', epoch?: number): Lookup {
    const expiry = entry.createdAt + entry.ttlMs;
    if (now >= expiry) {
      this.stats.miss(namespace);
      return { entry, state: 'stale' };
    }
    this.stats.hit(namespace, tier);
    this.stats.hotKeys.sample(key, namespace);
    if (entry.checkedAt !== epoch) {
      if (this.tags.softlyInvalidated(entry.tags, entry.createdAt)) return { entry, state: 'soft' };
      if (epoch !== undefined) entry.checkedAt = epoch;
    }
    // One early refresh per key at a time: while it runs, reads are plain hits.
    if (entry.loadMs > 0 && !this.flights.has(key) && now - entry.loadMs * this.settings.earlyRefreshBeta * Math.log(1 - this.random()) >= expiry) {
      this.stats.earlyRefreshes++;
      return { entry, state: 'refresh' };
    }
    return { entry, state: 'fresh' };
  }

  /** L1 only, synchronously: a live entry whose tags are known to be current, or undefined. */
  peek(key: string, namespace = DEFAULT_NAMESPACE): Lookup | undefined {
    const entry = this.l1.get(key);
    if (!entry) return undefined;
    const now = Date.now();
    if (now >= entry.createdAt + entry.ttlMs) return undefined;
    // Hot path: an entry checked since the last tag change this instance heard of needs no check.
    const epoch = this.tags.mark();
    if (entry.checkedAt !== epoch && this.tags.matches(entry.tags) !== true) return undefined;
    return this.classify(key, entry, now, namespace, 'l1', epoch);
  }

  /** A live entry (fresh or due for early refresh), or undefined. */
  async getEntry(key: string, namespace = DEFAULT_NAMESPACE): Promise<CacheEntry | undefined> {
    const found = await this.lookup(key, namespace);
    return found && found.state !== 'stale' ? found.entry : undefined;
  }

  async get<T>(key: string, namespace = DEFAULT_NAMESPACE): Promise<T | undefined> {
    const hit = this.peek(key, namespace);
    if (hit) return valueOf<T>(hit.entry);
    const entry = await this.getEntry(key, namespace);
    return entry === undefined ? undefined : valueOf<T>(entry);
  }

  /** Values for many keys: L1 first, then one MGET for the rest (promoted to L1). */
  async getMany<T>(keys: readonly string[], namespace = DEFAULT_NAMESPACE): Promise<(T | undefined)[]> {
    const now = Date.now();
    const results: (T | undefined)[] = new Array(keys.length);
    const remote: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      const local = this.l1.get(keys[i]);
      if (local && now < local.createdAt + local.ttlMs && (await this.tagsValid(local))) {
        this.stats.hit(namespace, 'l1');
        results[i] = valueOf<T>(local);
      } else remote.push(i);
    }
    const texts = (await this.l2Call(() => this.l2.getMany(remote.map((i) => keys[i])))) ?? [];
    for (let j = 0; j < remote.length; j++) {
      const entry = texts[j] === undefined ? undefined : decodeEntry(texts[j] as string);
      if (entry && now < entry.createdAt + entry.ttlMs && (await this.tagsValid(entry))) {
        this.l1.set(keys[remote[j]], entry);
        this.stats.hit(namespace, 'l2');
        results[remote[j]] = valueOf<T>(entry);
      } else this.stats.miss(namespace);
    }
    return results;
  }

  /** Writes many values: each serialized once, L2 in one pipeline. */
  async setMany<T>(items: readonly { key: string; value: T }[], options: CacheOptions = {}): Promise<void> {
    const versions = await this.versionsOf(options.tags ?? []);
    const entries = items.map(({ key, value }) => ({ key, entry: this.putL1(key, JSON.stringify(value), options, versions, 0) }));
    const graceMs = this.settings.graceSeconds * 1000;
    await this.l2Call(() => this.l2.setMany(entries.map(({ key, entry }) => ({ key, value: encodeEntry(entry), ttlMs: entry.ttlMs + graceMs }))));
  }

  async set<T>(key: string, value: T, options: CacheOptions = {}): Promise<void> {
    const versions = await this.versionsOf(options.tags ?? []);
    await this.writeL2(key, this.putL1(key, JSON.stringify(value), options, versions, 0));
  }

  /**
   * Stores already-serialized JSON: in L1 at once, in L2 in the background (then wakes the
   * other instances' waiters when `lockToken` says this caller held the load lock).
   * `tagVersions` must have been read before the value was computed, so an invalidation
   * racing with the load leaves the stored entry stale.
   */
  store(key: string, raw: string, options: CacheOptions, tagVersions: Record<string, number>, loadMs: number, lockToken?: string, createdAt?: number): CacheEntry {
    const entry = this.putL1(key, raw, options, tagVersions, loadMs, createdAt);
    void (lockToken ? this.land(key, entry, lockToken) : this.writeL2(key, entry));
    return entry;
  }

  /**
   * Versions of the tags read off a loaded value, or undefined when one of them moved since the
   * load started (the value may predate that change: it must not be cached).
   */
  async resultTagVersions(options: Pick<CacheOptions, 'resultTags'>, value: unknown, mark: number): Promise<Record<string, number> | undefined> {
    const tags = options.resultTags?.(value) ?? [];
    if (tags.length === 0) return {};
    const versions = await this.versionsOf(tags);
    return this.tags.changedSince(tags, mark) ? undefined : versions;
  }

  /** Taken before a load whose result tags are checked with `resultTagVersions`. */
  changeMark(): number {
    return this.tags.mark();
  }

  /** `createdAt` is when the data was read (the load's start): TTL and soft invalidation count from there. */
  private putL1(key: string, raw: string, options: CacheOptions, tagVersions: Record<string, number>, loadMs: number, createdAt = Date.now()): CacheEntry {
    const entry = newEntry({
      raw,
      createdAt,
      ttlMs: this.ttlMs(options.namespace ?? DEFAULT_NAMESPACE, options.ttlSeconds),
      loadMs,
      tags: tagVersions,
      etag: etagOf(raw),
    });
    this.l1.set(key, entry);
    return entry;
  }

  /** Kept in Redis through the grace period, so a stale value is there to fall back on. */
  private writeL2(key: string, entry: CacheEntry): Promise<void | undefined> {
    return this.l2Call(() => this.l2.set(key, encodeEntry(entry), entry.ttlMs + this.settings.graceSeconds * 1000));
  }

  private usable(entry: CacheEntry, now: number): boolean {
    return now < entry.createdAt + entry.ttlMs + this.settings.graceSeconds * 1000;
  }

  /**
   * The cached value, or the loader's, run once per key in this process however many ask.
   * XFetch refreshes hot keys in the background before they expire; past expiry, within the
   * grace period, a failing or slow (soft timeout) loader is answered with the stale value.
   */
  async getOrSet<T>(key: string, loader: () => Promise<T>, options: CacheOptions = {}): Promise<T> {
    const found = this.peek(key, options.namespace ?? DEFAULT_NAMESPACE) ?? (await this.lookup(key, options.namespace));
    if (found?.state === 'fresh') return valueOf<T>(found.entry);
    if (found?.state === 'refresh' || found?.state === 'soft') {
      if (found.state === 'refresh') this.refreshing.add(key);
      this.load(key, loader, options, false)
        .catch(() => undefined)
        .finally(() => this.refreshing.delete(key));
      return valueOf<T>(found.entry);
    }
    // Expired while its early refresh is still running: that refresh is the load, and the
    // value it replaces answers meanwhile, as XFetch intends no caller to wait at expiry.
    if (found?.state === 'stale' && this.refreshing.has(key)) {
      this.stats.staleServed++;
      return valueOf<T>(found.entry);
    }
    const loading = this.load(key, loader, options);
    if (!found) return loading;
    const stale = found.entry;
    let timer: NodeJS.Timeout | undefined;
    const softTimeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(resolve, this.settings.softTimeoutMs, 'timeout')));
    try {
      const first = await Promise.race([loading, softTimeout]);
      if (first !== 'timeout') return first;
      loading.catch(() => undefined);
    } catch {
      // The loader failed: the stale value answers below.
    } finally {
      clearTimeout(timer);
    }
    this.stats.staleServed++;
    return valueOf<T>(stale);
  }

  /** `afterMiss` is false for a refresh of a live entry, which must not answer itself. */
  private load<T>(key: string, loader: () => Promise<T>, options: CacheOptions, afterMiss = true): Promise<T> {
    return this.flights.run(key, async () => {
      const claim = await this.claim(key, afterMiss);
      if (claim.kind === 'landed') return valueOf<T>(claim.entry);
      try {
        const versions = await this.versionsOf(options.tags ?? []);
        const mark = this.tags.mark();
        const startedAt = Date.now();
        const started = performance.now();
        const value = await loader();
        const loadMs = performance.now() - started;
        const more = await this.resultTagVersions(options, value, mark);
        if (!more) {
          if (claim.kind === 'owner') await this.abandon(key, claim.token);
          return value;
        }
        const entry = this.putL1(key, JSON.stringify(value), options, { ...versions, ...more }, loadMs, startedAt);
        entry.parsed = value;
        if (claim.kind === 'owner') await this.land(key, entry, claim.token);
        else void this.writeL2(key, entry);
        return value;
      } catch (error) {
        if (claim.kind === 'owner') await this.abandon(key, claim.token);
        throw error;
      }
    });
  }

  /**
   * One loader per key across instances: takes the key's lock (SET NX PX with a token), or
   * waits, without polling, for the holder's `landed` message and reads the value it wrote; a
   * holder that gives up without a value (`abandon`) wakes its waiters, and they try for the
   * lock again. The wait is bounded by the lock's TTL; after it, or with Redis away, the caller
   * loads. After a miss (`afterMiss`), a caller that takes the lock reads L2 once more: another
   * instance may have landed the value and freed the lock between this caller's read and its
   * lock, and that value is then the answer, not a second load.
   */
  async claim(key: string, afterMiss = true): Promise<Claim> {
    const deadline = Date.now() + this.settings.lockTtlMs;
    for (;;) {
      const token = randomUUID();
      const locked = await this.l2Call(() => this.l2.acquireLock(`${key}:lock`, token, this.settings.lockTtlMs));
      if (locked === undefined) return { kind: 'free' };
      if (locked) {
        const landed = afterMiss ? await this.readLanded(key) : undefined;
        if (!landed) return { kind: 'owner', token };
        await this.release(key, token);
        return { kind: 'landed', entry: landed };
      }
      this.stats.lockWaits++;
      const waited = await this.waitForLanding(key, deadline - Date.now());
      if (waited === 'released' && Date.now() < deadline) continue;
      return waited && waited !== 'released' ? { kind: 'landed', entry: waited } : { kind: 'free' };
    }
  }

  /** Takes the key's load lock without waiting; undefined when another holder has it (or Redis is away). */
  async tryLock(key: string): Promise<string | undefined> {
    const token = randomUUID();
    return (await this.l2Call(() => this.l2.acquireLock(`${key}:lock`, token, this.settings.lockTtlMs))) ? token : undefined;
  }

  /** The lock holder's value is in L2: tell the waiters, then free the lock. */
  async land(key: string, entry: CacheEntry, token: string): Promise<void> {
    await this.writeL2(key, entry);
    await this.l2Call(() => this.bus.publish({ from: this.instanceId, landed: [key] }));
    this.wake(key);
    await this.release(key, token);
  }

  async release(key: string, token: string): Promise<void> {
    await this.l2Call(() => this.l2.releaseLock(`${key}:lock`, token));
  }

  /** The lock holder stores nothing (its load failed or answered no value): free the lock and wake the waiters at once. */
  async abandon(key: string, token: string): Promise<void> {
    await this.release(key, token);
    this.wake(key, 'released');
    await this.l2Call(() => this.bus.publish({ from: this.instanceId, released: [key] }));
  }

  private waitForLanding(key: string, timeoutMs: number): Promise<CacheEntry | 'released' | undefined> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: CacheEntry | 'released' | undefined) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const waiting = this.waiters.get(key);
        waiting?.delete(signal);
        if (waiting?.size === 0) this.waiters.delete(key);
        resolve(outcome);
      };
      const signal = (what: 'landed' | 'released') => {
        if (what === 'released') finish('released');
        else void this.readLanded(key).then((entry) => entry && finish(entry));
      };
      const timer = setTimeout(() => finish(undefined), Math.max(0, timeoutMs));
      let waiting = this.waiters.get(key);
      if (!waiting) this.waiters.set(key, (waiting = new Set()));
      waiting.add(signal);
      // It may have landed before this waiter was registered.
      signal('landed');
    });
  }

  private async readLanded(key: string): Promise<CacheEntry | undefined> {
    const text = await this.l2Call(() => this.l2.get(key));
    const entry = text === undefined ? undefined : decodeEntry(text);
    if (!entry || Date.now() >= entry.createdAt + entry.ttlMs || !(await this.tagsValid(entry))) return undefined;
    this.l1.set(key, entry);
    return entry;
  }

  private wake(key: string, what: 'landed' | 'released' = 'landed'): void {
    for (const signal of [...(this.waiters.get(key) ?? [])]) signal(what);
  }

  /** Versions to stamp on an entry about to be loaded (read before loading). */
  async versionsOf(tags: readonly string[]): Promise<Record<string, number>> {
    if (tags.length === 0) return {};
    try {
      return await this.tags.current(tags);
    } catch {
      this.stats.l2Errors++;
      // Unknown versions: stamp -1 so the entry never passes a tag check and is only used
      // by the request that loaded it.
      return Object.fromEntries(tags.map((t) => [t, -1]));
    }
  }

  async delete(key: string): Promise<void> {
    this.l1.delete(key);
    await this.l2Call(() => this.l2.delete([key]));
    await this.l2Call(() => this.bus.publish({ from: this.instanceId, keys: [key] }));
  }

  /**
   * Every entry carrying one of `tags` is stale from now on, on every instance. O(1) per tag.
   * Hard (default): never served again. Soft: served while one refresh per key runs.
   */
  async invalidateTags(tags: readonly string[], options: InvalidateOptions = {}): Promise<void> {
    const unique = [...new Set(tags)];
    if (unique.length === 0) return;
    this.stats.invalidations++;
    if (options.soft) {
      const at = Date.now();
      try {
        await this.l2.markSoft(unique, at);
        for (const tag of unique) this.tags.learnSoft(tag, at);
        await this.bus.publish({ from: this.instanceId, softTags: Object.fromEntries(unique.map((t) => [t, at])) });
        return;
      } catch {
        // Without Redis a soft invalidation cannot reach the others: fall back to a hard one.
      }
    }
    try {
      // On the bus's Redis, the store announces the bump with it: one round trip.
      const announce = this.bus.channel === undefined ? undefined : { channel: this.bus.channel, from: this.instanceId };
      const versions = await this.l2.bumpTags(unique, announce);
      unique.forEach((tag, i) => this.tags.learn(tag, versions[i], true));
      if (!announce) await this.bus.publish({ from: this.instanceId, tags: Object.fromEntries(unique.map((t, i) => [t, versions[i]])) });
    } catch {
      this.stats.l2Errors++;
      this.tags.markChanged(unique);
      this.dropLocally(unique);
      for (const tag of unique) this.pendingTags.add(tag);
      this.scheduleRetry();
    }
  }

  /** Deletes a namespace's keys from both tiers (SCAN in Redis). */
  async clearNamespace(namespace: string): Promise<number> {
    const prefix = `${this.settings.keyPrefix}:${namespace}:`;
    for (const key of this.l1.keys()) if (key.startsWith(prefix)) this.l1.delete(key);
    return (await this.l2Call(() => this.l2.deleteByPrefix(prefix))) ?? 0;
  }

  private async tagsValid(entry: CacheEntry): Promise<boolean> {
    const known = this.tags.matches(entry.tags);
    if (known !== undefined) return known;
    const current = await this.versionsOf(Object.keys(entry.tags));
    return Object.entries(entry.tags).every(([tag, version]) => current[tag] === version);
  }

  private onBusMessage(message: BusMessage): void {
    if (message.from === this.instanceId) return;
    for (const [tag, version] of Object.entries(message.tags ?? {})) this.tags.learn(tag, version, true);
    for (const [tag, at] of Object.entries(message.softTags ?? {})) this.tags.learnSoft(tag, at);
    for (const key of message.keys ?? []) this.l1.delete(key);
    for (const key of message.landed ?? []) {
      // Another instance wrote a newer value: read it from L2 next time.
      this.l1.delete(key);
      this.wake(key);
    }
    for (const key of message.released ?? []) this.wake(key, 'released');
  }

  /** Without Redis, drop this instance's entries carrying the tags (a scan of L1, bounded). */
  private dropLocally(tags: string[]): void {
    for (const [key, entry] of this.l1.entries()) if (tags.some((t) => t in entry.tags)) this.l1.delete(key);
    this.tags.forgetAll();
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      const tags = [...this.pendingTags];
      this.pendingTags.clear();
      void this.invalidateTags(tags);
    }, RETRY_INVALIDATION_MS);
    this.retryTimer.unref();
  }

  private async l2Call<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch {
      this.stats.l2Errors++;
      return undefined;
    }
  }
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);
