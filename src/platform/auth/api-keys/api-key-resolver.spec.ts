import type { Identity } from '../identity.js';
import { knownIdentity } from '../identity.js';
import type { ApiKeyRecord } from './api-key.record.js';
import { type ApiKeyFinder, ApiKeyResolver } from './api-key-resolver.js';
import { generateApiKey } from './api-key-token.js';
import { MemoryKeyChangeBus } from './key-change-bus.js';

/** Key records in memory; counts lookups, and can hold them until released. */
class FakeFinder implements ApiKeyFinder {
  readonly records = new Map<string, ApiKeyRecord>();
  lookups = 0;
  failing = false;
  private held: (() => void)[] | undefined;

  add(role: 'editor' | 'analyst' | 'admin' = 'editor', revoked = false): { key: string; id: string } {
    const { key, id, secretHash } = generateApiKey();
    this.records.set(id, { id, secretHash, revoked, identity: knownIdentity('key', `key:${id}`, [role]) });
    return { key, id };
  }

  hold(): void {
    this.held = [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const go of held) go();
  }

  async find(id: string): Promise<ApiKeyRecord | undefined> {
    this.lookups++;
    if (this.held) await new Promise<void>((resolve) => this.held?.push(resolve));
    if (this.failing) throw new Error('database away');
    const record = this.records.get(id);
    return record && { ...record };
  }
}

const settings = { maxKeys: 100, ttlMs: 60_000, maxUnknown: 2, unknownTtlMs: 30_000 };

describe('ApiKeyResolver', () => {
  let finder: FakeFinder;
  let now: number;
  let resolver: ApiKeyResolver;
  let bus: MemoryKeyChangeBus;
  const resolved = async (token: string): Promise<Identity> => resolver.resolve(token);

  beforeEach(() => {
    finder = new FakeFinder();
    now = 1_000_000;
    resolver = new ApiKeyResolver(finder, settings, () => now);
    bus = new MemoryKeyChangeBus();
    resolver.listen(bus);
  });

  it('looks a key up once, then resolves it without a promise or a query', async () => {
    const { key, id } = finder.add('analyst');
    const first = resolver.resolve(key);
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toMatchObject({ kind: 'key', actor: `key:${id}`, roles: ['analyst'] });
    const again = resolver.resolve(key);
    expect(again).not.toBeInstanceOf(Promise);
    expect(again).toMatchObject({ actor: `key:${id}` });
    expect(finder.lookups).toBe(1);
  });

  it('refuses a wrong secret for a known id, a revoked key and a malformed one', async () => {
    const { key } = finder.add();
    const revoked = finder.add('editor', true);
    await resolved(key);
    const wrong = `${key.slice(0, 20)}${'A'.repeat(43)}`;
    expect(resolver.resolve(wrong)).toMatchObject({ kind: 'anonymous', refused: 'invalid' });
    expect(await resolved(revoked.key)).toMatchObject({ refused: 'invalid' });
    expect(resolver.resolve('hp_nonsense')).toMatchObject({ refused: 'invalid', reason: 'The API key is malformed' });
  });

  it('remembers unknown ids (bounded) so a repeated made-up key costs one query, until the entry expires', async () => {
    const { key } = generateApiKey();
    expect(await resolved(key)).toMatchObject({ refused: 'invalid' });
    expect(resolver.resolve(key)).toMatchObject({ refused: 'invalid' });
    expect(finder.lookups).toBe(1);
    now += settings.unknownTtlMs + 1;
    await resolved(key);
    expect(finder.lookups).toBe(2);
    // Only two unknown ids are kept: a flood of new ones pushes the oldest out.
    await resolved(generateApiKey().key);
    await resolved(generateApiKey().key);
    await resolved(key);
    expect(finder.lookups).toBe(5);
  });

  it('shares one query between concurrent requests with the same key', async () => {
    const { key } = finder.add();
    finder.hold();
    const all = Promise.all([resolved(key), resolved(key), resolved(key)]);
    finder.release();
    expect((await all).every((identity) => identity.kind === 'key')).toBe(true);
    expect(finder.lookups).toBe(1);
  });

  it('forgets a key when it hears it was revoked, and reads it again', async () => {
    const { key, id } = finder.add();
    await resolved(key);
    const heard: unknown[] = [];
    resolver.onChange((change) => heard.push(change));
    (finder.records.get(id) as ApiKeyRecord).revoked = true;
    await bus.publish({ id, change: 'revoked' });
    expect(heard).toEqual([{ id, change: 'revoked' }]);
    expect(await resolved(key)).toMatchObject({ refused: 'invalid' });
    expect(finder.lookups).toBe(2);
  });

  it('forgets an unknown id when it hears the key was created', async () => {
    const made = generateApiKey();
    expect(await resolved(made.key)).toMatchObject({ refused: 'invalid' });
    finder.records.set(made.id, { id: made.id, secretHash: made.secretHash, revoked: false, identity: knownIdentity('key', `key:${made.id}`, ['editor']) });
    await bus.publish({ id: made.id, change: 'created' });
    expect(await resolved(made.key)).toMatchObject({ kind: 'key' });
  });

  it('reads a record again once its TTL passed (a revocation whose message was lost)', async () => {
    const { key, id } = finder.add();
    await resolved(key);
    (finder.records.get(id) as ApiKeyRecord).revoked = true;
    now += settings.ttlMs + 1;
    expect(await resolved(key)).toMatchObject({ refused: 'invalid' });
  });

  it('does not cache a lookup that raced a change, and forgets everything after a reconnect', async () => {
    const { key, id } = finder.add();
    finder.hold();
    const racing = resolved(key);
    await bus.publish({ id, change: 'revoked' });
    finder.release();
    expect(await racing).toMatchObject({ kind: 'key' });
    expect(resolver.resolve(key)).toBeInstanceOf(Promise);
    await resolved(key);
    resolver.forget(undefined);
    expect(resolver.resolve(key)).toBeInstanceOf(Promise);
  });

  it('marks a key unverifiable (503, not 401) when the lookup fails', async () => {
    const { key } = finder.add();
    finder.failing = true;
    expect(await resolved(key)).toMatchObject({ kind: 'anonymous', refused: 'unverifiable' });
  });
});
