/** One CLIENT LIST line's fields that tell how a connection is used (never its last command's arguments: Redis shows only the name). */
export interface ServerClient {
  name: string;
  ageSeconds: number;
  idleSeconds: number;
  /** Blocked in a blocking command (flag `b`). */
  blocked: boolean;
  /** In a pub/sub subscription. */
  subscriber: boolean;
  command: string;
  memoryBytes: number;
}

export function parseClientList(text: string): ServerClient[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const fields = new Map<string, string>();
      for (const part of line.trim().split(' ')) {
        const eq = part.indexOf('=');
        if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
      }
      const flags = fields.get('flags') ?? '';
      const subscriptions = Number(fields.get('sub') ?? 0) + Number(fields.get('psub') ?? 0) + Number(fields.get('ssub') ?? 0);
      return {
        name: fields.get('name') ?? '',
        ageSeconds: Number(fields.get('age') ?? 0),
        idleSeconds: Number(fields.get('idle') ?? 0),
        blocked: flags.includes('b'),
        subscriber: subscriptions > 0 || flags.includes('P'),
        command: fields.get('cmd') ?? '',
        memoryBytes: Number(fields.get('tot-mem') ?? 0),
      };
    });
}

export interface ClientGroup {
  /** The connection name (`(unnamed)` for none): Hotpath names every connection it makes. */
  name: string;
  connections: number;
  blocked: number;
  subscribers: number;
  maxIdleSeconds: number;
  oldestSeconds: number;
  memoryBytes: number;
}

/** Clients grouped by connection name, the largest group first. */
export function groupClients(clients: readonly ServerClient[]): ClientGroup[] {
  const groups = new Map<string, ClientGroup>();
  for (const client of clients) {
    const name = client.name || '(unnamed)';
    let group = groups.get(name);
    if (!group) groups.set(name, (group = { name, connections: 0, blocked: 0, subscribers: 0, maxIdleSeconds: 0, oldestSeconds: 0, memoryBytes: 0 }));
    group.connections++;
    if (client.blocked) group.blocked++;
    if (client.subscriber) group.subscribers++;
    group.maxIdleSeconds = Math.max(group.maxIdleSeconds, client.idleSeconds);
    group.oldestSeconds = Math.max(group.oldestSeconds, client.ageSeconds);
    group.memoryBytes += client.memoryBytes;
  }
  return [...groups.values()].sort((a, b) => b.connections - a.connections || a.name.localeCompare(b.name));
}
