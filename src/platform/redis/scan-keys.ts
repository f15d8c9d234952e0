import type { Redis } from 'ioredis';

/** Every key matching `pattern` (optionally of one type), by SCAN: never KEYS, which blocks Redis. */
export async function scanKeys(redis: Redis, pattern: string, type?: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = type === undefined ? await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500) : await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500, 'TYPE', type);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found;
}

/** Deletes (UNLINK) every key that starts with `prefix`, found by SCAN; returns how many went. */
export async function deleteByPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
