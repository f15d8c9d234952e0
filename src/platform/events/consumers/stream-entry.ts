import type { EventEnvelope } from '../event-envelope.js';

/** One entry read from a shard stream, as the relay wrote it (`id`, `type`, `envelope` fields). */
export interface StreamEntry {
  stream: string;
  id: string;
  type: string | undefined;
  /** The envelope's JSON, parsed only when a handler wants it. */
  envelope: string | undefined;
  /** Deliveries to the group so far, this one included. */
  deliveries: number;
  /** The parsed envelope, once a consumer wanted it (undefined if it is not JSON). */
  event?: EventEnvelope;
}

type RawEntry = [id: string, fields: string[] | null];

export function toEntry(stream: string, [id, fields]: RawEntry, deliveries: number): StreamEntry {
  let type: string | undefined;
  let envelope: string | undefined;
  if (fields) {
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i] === 'type') type = fields[i + 1];
      else if (fields[i] === 'envelope') envelope = fields[i + 1];
    }
  }
  return { stream, id, type, envelope, deliveries };
}

/** Entries of an XREADGROUP reply, per stream (RESP2 shape; null when BLOCK timed out). */
export function readReply(reply: unknown): [stream: string, entries: RawEntry[]][] {
  return (reply as [string, RawEntry[]][] | null) ?? [];
}

/** Orders stream ids (`<ms>-<seq>`) as Redis does. */
export function compareIds(a: string, b: string): number {
  const dashA = a.indexOf('-');
  const dashB = b.indexOf('-');
  const ms = Number(a.slice(0, dashA)) - Number(b.slice(0, dashB));
  return ms !== 0 ? ms : Number(a.slice(dashA + 1)) - Number(b.slice(dashB + 1));
}
