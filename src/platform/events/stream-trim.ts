import type { Redis } from 'ioredis';
import { scanKeys } from '../redis/index.js';

/**
 * In one atomic step per stream: the oldest entry any consumer group may still need is, per
 * group, its first pending (delivered, unacknowledged) entry, or else its last-delivered id
 * (everything after it is undelivered); the stream is trimmed to the minimum over its groups
 * with XTRIM MINID, which keeps that entry and every later one. A stream without groups is
 * left alone (nobody has said what it needs). Atomic, so a group created or moved back
 * between the reading and the trimming cannot lose entries.
 */
const TRIM_SCRIPT = `
local function older(a, b)
  local ams, aseq = string.match(a, '^(%d+)-(%d+)$')
  local bms, bseq = string.match(b, '^(%d+)-(%d+)$')
  ams, aseq, bms, bseq = tonumber(ams), tonumber(aseq), tonumber(bms), tonumber(bseq)
  return ams < bms or (ams == bms and aseq < bseq)
end
local groups = redis.call('XINFO', 'GROUPS', KEYS[1])
if #groups == 0 then return {0, false} end
local minid = nil
for _, group in ipairs(groups) do
  local name, delivered
  for i = 1, #group, 2 do
    if group[i] == 'name' then name = group[i + 1] end
    if group[i] == 'last-delivered-id' then delivered = group[i + 1] end
  end
  local needed = delivered
  local pending = redis.call('XPENDING', KEYS[1], name)
  if pending[1] > 0 and older(pending[2], needed) then needed = pending[2] end
  if minid == nil or older(needed, minid) then minid = needed end
end
return {redis.call('XTRIM', KEYS[1], 'MINID', minid), minid}
`;

export interface StreamTrimResult {
  stream: string;
  /** Entries removed (0 for a stream left alone). */
  trimmed: number;
  /** The id kept as the oldest entry, or null when the stream has no groups. */
  minId: string | null;
}

export async function trimStream(redis: Redis, stream: string): Promise<StreamTrimResult> {
  const [trimmed, minId] = (await redis.eval(TRIM_SCRIPT, 1, stream)) as [number, string | null];
  return { stream, trimmed, minId: minId || null };
}

/** Trims every event stream under `<prefix>:events:` (found with SCAN, never KEYS). */
export async function trimEventStreams(redis: Redis, keyPrefix: string): Promise<StreamTrimResult[]> {
  const streams = await scanKeys(redis, `${keyPrefix}:events:*`, 'stream');
  const results: StreamTrimResult[] = [];
  for (const stream of streams.sort()) results.push(await trimStream(redis, stream));
  return results;
}
