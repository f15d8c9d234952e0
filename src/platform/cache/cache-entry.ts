import { createHash } from 'node:crypto';
/**
 * One cached value. `raw` is the value's JSON text, serialized once when it was written; the
 * HTTP layer sends it as it is, other callers parse it once (see `value`).
 */
export interface CacheEntry {
  raw: string;
  /** Creation time and time-to-live, ms. */
  createdAt: number;
  ttlMs: number;
  /** How long the loader took, ms (for early refresh). */
  loadMs: number;
  /** Version of each tag when the value was loaded. */
  tags: Record<string, number>;
  /** Strong validator of `raw`. */
  etag: string;
  parsed?: unknown;
  /**
   * The tag epoch (`TagVersions.mark()`) at which a synchronous read found the tags current and
   * not softly invalidated; -1 before. While no tag change is heard of, later reads skip the check.
   */
  checkedAt: number;
  /** UTF-8 length of `raw` (the HTTP Content-Length), -1 until first needed. */
  bytes: number;
}

/** A new entry, with its derived fields unset. Fields in one fixed order: every entry has one shape, so hit-path reads stay monomorphic. */
export function newEntry(fields: Omit<CacheEntry, 'checkedAt' | 'bytes' | 'parsed'>): CacheEntry {
  const { raw, createdAt, ttlMs, loadMs, tags, etag } = fields;
  return { raw, createdAt, ttlMs, loadMs, tags, etag, parsed: undefined, checkedAt: -1, bytes: -1 };
}

/** Content-Length of the entry's body, computed once. */
export function byteLengthOf(entry: CacheEntry): number {
  if (entry.bytes < 0) entry.bytes = Buffer.byteLength(entry.raw);
  return entry.bytes;
}

/** Strong validator of a body: a quoted SHA-1, base64url. */
export function etagOf(raw: string): string {
  return `"${createHash('sha1').update(raw).digest('base64url')}"`;
}

export function valueOf<T>(entry: CacheEntry): T {
  if (entry.parsed === undefined) entry.parsed = JSON.parse(entry.raw);
  return entry.parsed as T;
}

interface Meta {
  c: number;
  t: number;
  l: number;
  g: Record<string, number>;
  e: string;
}

/** L2 wire format: one line of metadata, then the value's JSON text untouched. */
export function encodeEntry(entry: CacheEntry): string {
  const meta: Meta = { c: entry.createdAt, t: entry.ttlMs, l: entry.loadMs, g: entry.tags, e: entry.etag };
  return `${JSON.stringify(meta)}\n${entry.raw}`;
}

export function decodeEntry(text: string): CacheEntry | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  try {
    const meta = JSON.parse(text.slice(0, newline)) as Meta;
    return newEntry({ createdAt: meta.c, ttlMs: meta.t, loadMs: meta.l, tags: meta.g, etag: meta.e, raw: text.slice(newline + 1) });
  } catch {
    return undefined;
  }
}
