/** The version, mode and uptime from INFO server. */
export function parseInfoServer(text: string): { version?: string; mode?: string; uptimeSeconds?: number } {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  const uptime = fields.get('uptime_in_seconds');
  return { version: fields.get('redis_version'), mode: fields.get('redis_mode'), uptimeSeconds: uptime === undefined ? undefined : Number(uptime) };
}
