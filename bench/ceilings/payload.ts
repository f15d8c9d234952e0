import { readFileSync } from 'node:fs';

/** The response body the ceilings serve verbatim: a real response of the scenario. */
export function loadPayload(): string {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node <ceiling>.js <payload.json>');
  return readFileSync(file, 'utf8');
}

export function listenOptions(): { host: string; port: number } {
  return { host: '127.0.0.1', port: Number(process.env.SERVER_PORT) };
}
