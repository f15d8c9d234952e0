import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal inputs always give equal text. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(record[k])}`).join(',')}}`;
}

/** `<prefix>:<namespace>:<sha256 of the stable serialization of the inputs>`. */
export function cacheKey(prefix: string, namespace: string, inputs: unknown): string {
  return `${prefix}:${namespace}:${createHash('sha256').update(stableStringify(inputs)).digest('hex')}`;
}
