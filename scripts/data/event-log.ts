import { Client } from 'pg';

export const EVENT_LOG_COPY = 'COPY event_log (event_id, type, schema_version, aggregate_type, aggregate_id, aggregate_version, occurred_at, payload) FROM STDIN';

/**
 * A UUID v7 from a time and the random bits of a contract id: deterministic, so generated data
 * sets keep their event ids. The same as the migration's SQL expression for existing contracts.
 */
export function eventIdOf(contractId: string, at: string): string {
  const hex = contractId.replace(/-/g, '');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const id = `${Date.parse(at).toString(16).padStart(12, '0')}7${hex.slice(13, 16)}${variant}${hex.slice(17)}`;
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}

/**
 * The `contract.created` event of a generated contract, as an event_log COPY line, from the
 * contract's own COPY line: the payload has the keys and formats the API writes.
 */
export function contractCreatedLine(contractLine: string): string {
  const [id, agencyId, supplierId, category, method, amount, currency, signedAt, status, metadata, createdAt, updatedAt] = contractLine.slice(0, -1).split('\t');
  const payload =
    `{"contract":{"id":"${id}","agencyId":"${agencyId}","supplierId":"${supplierId}","category":"${category}","procurementMethod":"${method}",` +
    `"amountCents":${amount},"currency":"${currency}","signedAt":"${signedAt}","status":"${status}","metadata":${metadata},"version":1,` +
    `"createdAt":"${createdAt}","updatedAt":"${updatedAt}"}}`;
  return `${eventIdOf(id, createdAt)}\tcontract.created\t1\tcontract\t${id}\t1\t${updatedAt}\t${payload}\n`;
}

/**
 * Drops the event log's keys when it is empty and returns the statements that restore them: a
 * sort-built index is several times cheaper than a million inserts into three of them.
 */
export async function dropEventLogKeys(client: Client): Promise<string[]> {
  const { rows: [{ empty }] } = await client.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM event_log) AS empty');
  if (!empty) return [];
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'event_log'::regclass AND contype IN ('p', 'u')`,
  );
  for (const key of rows) await client.query(`ALTER TABLE event_log DROP CONSTRAINT "${key.name}"`);
  return rows.map((key) => `ALTER TABLE event_log ADD CONSTRAINT "${key.name}" ${key.def}`);
}

/** Runs `statements` on a connection of its own. */
export async function runOnOwnConnection(url: string, statements: string[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET maintenance_work_mem = '512MB'");
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}
