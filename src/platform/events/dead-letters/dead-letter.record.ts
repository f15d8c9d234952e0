/** What the dead-letter stream keeps of an entry that exhausted its deliveries. */
export interface DeadLetter {
  /** The dead-letter stream's own entry id (what the admin endpoints address). */
  id: string;
  group: string;
  /** Where the entry was, and its id there. */
  stream: string;
  entryId: string;
  eventId: string | null;
  type: string | null;
  /** The envelope's JSON as published (kept verbatim, so a replay publishes the same bytes). */
  envelope: string | null;
  error: string;
  deliveries: number;
  consumer: string;
  failedAt: string;
}

/** One dead-letter stream for every group of the app: operators look in one place. */
export function deadLetterStream(keyPrefix: string): string {
  return `${keyPrefix}:events:dead-letters`;
}

export function toFields(letter: Omit<DeadLetter, 'id'>): string[] {
  return [
    'group', letter.group,
    'stream', letter.stream,
    'entryId', letter.entryId,
    'eventId', letter.eventId ?? '',
    'type', letter.type ?? '',
    'envelope', letter.envelope ?? '',
    'error', letter.error,
    'deliveries', String(letter.deliveries),
    'consumer', letter.consumer,
    'failedAt', letter.failedAt,
  ];
}

export function fromFields(id: string, fields: readonly string[]): DeadLetter {
  const f = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i], fields[i + 1]);
  const text = (name: string) => f.get(name) ?? '';
  const optional = (name: string) => f.get(name) || null;
  return {
    id,
    group: text('group'),
    stream: text('stream'),
    entryId: text('entryId'),
    eventId: optional('eventId'),
    type: optional('type'),
    envelope: optional('envelope'),
    error: text('error'),
    deliveries: Number(text('deliveries')),
    consumer: text('consumer'),
    failedAt: text('failedAt'),
  };
}
