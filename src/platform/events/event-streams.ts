/** FNV-1a, 32 bits: a stable, cheap shard choice for an aggregate id. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The stream an aggregate's events go to: one per shard of its type, the same shard for every
 * event of one aggregate (so they stay in order). The hash tag `{type.shard}` keeps a shard in
 * one Redis Cluster slot.
 */
export function streamOf(prefix: string, aggregateType: string, aggregateId: string, shards: number): string {
  return `${prefix}:events:{${aggregateType}.${fnv1a(aggregateId) % shards}}`;
}

/** Every shard stream of an aggregate type, in shard order. */
export function shardStreams(prefix: string, aggregateType: string, shards: number): string[] {
  return Array.from({ length: shards }, (_, shard) => `${prefix}:events:{${aggregateType}.${shard}}`);
}
