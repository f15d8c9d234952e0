import type { Client } from 'pg';

/** md5 over every generated row in a stable order: equal checksums mean equal data sets. */
export async function datasetChecksum(client: Client): Promise<string> {
  const { rows } = await client.query<{ checksum: string }>(`
    SELECT md5(
      (SELECT string_agg(concat_ws('|', id, code, name, region), ',' ORDER BY id) FROM agencies) ||
      (SELECT string_agg(concat_ws('|', id, tax_id, name, country), ',' ORDER BY id) FROM suppliers) ||
      (SELECT string_agg(concat_ws('|', id, agency_id, supplier_id, category, procurement_method, amount_cents, currency, signed_at, status, metadata::text), ',' ORDER BY id) FROM contracts) ||
      (SELECT coalesce(string_agg(concat_ws('|', kind, contract_id, supplier_id, agency_id, category, details::text), ',' ORDER BY kind, contract_id, supplier_id, agency_id), '') FROM ground_truth)
    ) AS checksum`);
  return rows[0].checksum;
}
