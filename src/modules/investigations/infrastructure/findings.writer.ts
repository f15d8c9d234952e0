import type { EntityManager } from 'typeorm';
import type { Finding } from '../../analysis/index.js';

/** Rows per INSERT: one statement of parallel arrays (unnest), not one round trip per finding. */
const BATCH = 5000;

export async function insertFindings(tx: EntityManager, investigationId: string, findings: readonly Finding[]): Promise<void> {
  for (let start = 0; start < findings.length; start += BATCH) {
    const batch = findings.slice(start, start + BATCH);
    await tx.query(
      `INSERT INTO findings (investigation_id, agent, severity, score, contract_id, supplier_id, agency_id, category, evidence)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::float8[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[], $9::jsonb[])`,
      [
        investigationId,
        batch.map((f) => f.agent),
        batch.map((f) => f.severity),
        batch.map((f) => (Number.isFinite(f.score) ? f.score : 0)),
        batch.map((f) => f.contractId ?? null),
        batch.map((f) => f.supplierId ?? null),
        batch.map((f) => f.agencyId ?? null),
        batch.map((f) => f.category ?? null),
        batch.map((f) => JSON.stringify(f.evidence)),
      ],
    );
  }
}
