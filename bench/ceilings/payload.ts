import { readFileSync } from 'node:fs';

/**
 * The response bodies the ceilings and peers serve: the real response of every path of the
 * scenario (`{ [path]: body }`), so they send as many distinct bodies as Hotpath does, not one
 * body that stays hot in the CPU caches. A path not in the file gets 404.
 */
export function loadPayloads(): Map<string, string> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node <ceiling>.js <payloads.json>');
  return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>));
}

export function listenOptions(): { host: string; port: number } {
  return { host: '127.0.0.1', port: Number(process.env.SERVER_PORT) };
}
