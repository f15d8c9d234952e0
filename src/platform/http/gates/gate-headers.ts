import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';

const HEADERS = Symbol('hotpath:http:gate-headers');
type WithGateHeaders = ServerResponse & { [HEADERS]?: (string | number)[] };

/**
 * Hot path: the headers request gates want on every answer of a request, kept as one flat
 * list beside the response. An answer written outside Fastify passes them to one `writeHead`
 * with its own (Node's `setHeader` would validate each twice, then merge: several µs a hit);
 * through Fastify they move onto the reply once the gates have run.
 */
export function addGateHeader(response: ServerResponse, name: string, value: string | number): void {
  const list = (response as WithGateHeaders)[HEADERS];
  if (list) list.push(name, value);
  else (response as WithGateHeaders)[HEADERS] = [name, value];
}

/** Adds a flat `[name, value, ...]` list (a gate's constant headers). */
export function addGateHeaders(response: ServerResponse, flat: readonly (string | number)[]): void {
  const list = (response as WithGateHeaders)[HEADERS];
  if (list) for (const item of flat) list.push(item);
  else (response as WithGateHeaders)[HEADERS] = flat.slice();
}

/** The gates' headers as a flat list to add to (now owned by the caller), or a new empty one. */
export function takeGateHeaders(response: ServerResponse): (string | number)[] {
  const list = (response as WithGateHeaders)[HEADERS];
  if (!list) return [];
  (response as WithGateHeaders)[HEADERS] = undefined;
  return list;
}

/** Moves the gates' headers onto a Fastify reply. */
export function applyGateHeaders(reply: FastifyReply): void {
  const list = takeGateHeaders(reply.raw);
  for (let i = 0; i < list.length; i += 2) void reply.header(list[i] as string, String(list[i + 1]));
}
