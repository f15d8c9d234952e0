import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AgentName, Finding } from '../../analysis/index.js';
import { appendToOutbox } from '../../../platform/events/index.js';
import type { InvestigationUsage } from '../domain/investigation-limits.js';
import type { Investigation, InvestigationDetail, InvestigationScope } from '../domain/investigation.js';
import { InvestigationNotFoundError } from '../domain/investigation.errors.js';
import { investigationEnded, investigationOpened } from '../domain/investigation.events.js';
import { INVESTIGATION_COLUMNS, type InvestigationRow, toInvestigation } from './investigation.row.js';
import { insertFindings } from './findings.writer.js';
import { investigationCursor } from './investigation-cursor.js';

/** Findings shown with an investigation, strongest first; the rest are counted. */
const FINDINGS_SHOWN = 200;

export interface InvestigationOpening {
  scope: InvestigationScope;
  agents: AgentName[];
  /** Same scope and agents, same key (see `scopeKey`). */
  key: string;
  reuseSeconds: number;
  correlationId: string | null;
  /** The caller its quotas are counted for. */
  actor: string;
}

export interface InvestigationAdmission {
  /** The caller's investigations opened since this instant count as today's. */
  since: Date;
  /** Queued investigations are counted up to this many. */
  countQueuedUpTo: number;
  /** Throws to refuse a new investigation. */
  admit(usage: InvestigationUsage): void;
}

@Injectable()
export class InvestigationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Opens an investigation with its `investigation.opened` event in one transaction, unless one
   * with the same scope key, not failed, was opened within `reuseSeconds`: then that one is
   * returned. Transaction-scoped advisory locks on the key, then on the caller, make two
   * identical requests agree and a caller's concurrent requests count one after the other;
   * `admit` sees the caller's usage before anything is written and throws to refuse.
   */
  async open(opening: InvestigationOpening, admission: InvestigationAdmission): Promise<{ investigation: Investigation; reused: boolean }> {
    const { scope, agents, key, reuseSeconds, correlationId, actor } = opening;
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
      const existing: InvestigationRow[] = await tx.query(
        `SELECT ${INVESTIGATION_COLUMNS} FROM investigations
          WHERE scope_key = $1 AND status <> 'failed' AND created_at > now() - make_interval(secs => $2)
          ORDER BY created_at DESC LIMIT 1`,
        [key, reuseSeconds],
      );
      if (existing.length > 0) return { investigation: toInvestigation(existing[0]), reused: true };
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 1))', [actor]);
      const [usage]: InvestigationUsage[] = await tx.query(
        `SELECT (SELECT count(*)::int FROM investigations WHERE opened_by = $1 AND status IN ('queued', 'running')) AS running,
                (SELECT count(*)::int FROM investigations WHERE opened_by = $1 AND created_at >= $2) AS today,
                (SELECT count(*)::int FROM (SELECT 1 FROM investigations WHERE status = 'queued' LIMIT $3) AS q) AS queued`,
        [actor, admission.since, admission.countQueuedUpTo],
      );
      admission.admit(usage);
      const [row]: InvestigationRow[] = await tx.query(
        `INSERT INTO investigations (scope, agents, status, scope_key, correlation_id, opened_by) VALUES ($1, $2, 'queued', $3, $4, $5) RETURNING ${INVESTIGATION_COLUMNS}`,
        [JSON.stringify(scope), agents, key, correlationId, actor],
      );
      const investigation = toInvestigation(row);
      await appendToOutbox(tx, [investigationOpened(investigation, { correlationId, actor })]);
      return { investigation, reused: false };
    });
  }

  async findById(id: string): Promise<Investigation> {
    const rows: InvestigationRow[] = await this.db.query(`SELECT ${INVESTIGATION_COLUMNS} FROM investigations WHERE id = $1`, [id]);
    if (rows.length === 0) throw new InvestigationNotFoundError(id);
    return toInvestigation(rows[0]);
  }

  async detail(id: string): Promise<InvestigationDetail> {
    const investigation = await this.findById(id);
    const counts: { agent: AgentName; n: number }[] = await this.db.query('SELECT agent, count(*)::int AS n FROM findings WHERE investigation_id = $1 GROUP BY agent', [id]);
    const findings: FindingRow[] = await this.db.query(
      `SELECT agent, severity, score, contract_id, supplier_id, agency_id, category, evidence FROM findings
        WHERE investigation_id = $1 ORDER BY score DESC, id LIMIT $2`,
      [id, FINDINGS_SHOWN],
    );
    const findingCounts = Object.fromEntries(counts.map((c) => [c.agent, c.n]));
    const total = counts.reduce((sum, c) => sum + c.n, 0);
    return { ...investigation, findingCounts, findings: findings.map(toFinding), findingsTruncated: total > findings.length };
  }

  /** Newest first, keyset pages. */
  async list(limit: number, cursor?: string): Promise<{ items: Investigation[]; nextCursor: string | null }> {
    const after = cursor === undefined ? undefined : investigationCursor.decode(cursor);
    const rows: InvestigationRow[] = await this.db.query(
      `SELECT ${INVESTIGATION_COLUMNS} FROM investigations
        ${after ? 'WHERE (created_at, id) < ($2::timestamptz, $3::uuid)' : ''}
        ORDER BY created_at DESC, id DESC LIMIT $1`,
      after ? [limit + 1, after.createdAt, after.id] : [limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(toInvestigation), nextCursor: rows.length > limit && last ? investigationCursor.encode(last.created_at, last.id) : null };
  }

  /** queued -> running; false when it is no longer queued or running (finished by an earlier attempt). */
  async start(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `UPDATE investigations SET status = 'running', progress = 0, error = NULL, started_at = now(), updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Only forward, only while running: a late step never undoes the end. */
  async progress(id: string, progress: number, contracts?: number): Promise<void> {
    await this.db.query(
      `UPDATE investigations SET progress = greatest(progress, $2), contracts = coalesce($3, contracts), updated_at = now() WHERE id = $1 AND status = 'running'`,
      [id, progress, contracts ?? null],
    );
  }

  /** Stores the findings (replacing any of an earlier attempt), marks it completed and appends `investigation.completed`, in one transaction. */
  async complete(id: string, findings: readonly Finding[]): Promise<Record<string, number>> {
    return this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM findings WHERE investigation_id = $1', [id]);
      await insertFindings(tx, id, findings);
      const counts: Record<string, number> = {};
      for (const f of findings) counts[f.agent] = (counts[f.agent] ?? 0) + 1;
      await this.end(tx, id, 'completed', null, counts);
      return counts;
    });
  }

  async fail(id: string, error: string): Promise<void> {
    await this.db.transaction((tx) => this.end(tx, id, 'failed', error, {}));
  }

  private async end(tx: EntityManager, id: string, status: 'completed' | 'failed', error: string | null, counts: Record<string, number>): Promise<void> {
    const rows: { correlation_id: string | null }[] = await tx.query(
      `UPDATE investigations SET status = $2, error = $3, progress = CASE WHEN $2 = 'completed' THEN 100 ELSE progress END, completed_at = now(), updated_at = now()
        WHERE id = $1 RETURNING correlation_id`,
      [id, status, error],
    );
    if (rows.length > 0) await appendToOutbox(tx, [investigationEnded({ id, status, error }, counts, rows[0].correlation_id)]);
  }
}

interface FindingRow {
  agent: AgentName;
  severity: Finding['severity'];
  score: number;
  contract_id: string | null;
  supplier_id: string | null;
  agency_id: string | null;
  category: string | null;
  evidence: Record<string, unknown>;
}

function toFinding(row: FindingRow): Finding {
  return {
    agent: row.agent,
    severity: row.severity,
    score: row.score,
    ...(row.contract_id ? { contractId: row.contract_id } : {}),
    ...(row.supplier_id ? { supplierId: row.supplier_id } : {}),
    ...(row.agency_id ? { agencyId: row.agency_id } : {}),
    ...(row.category ? { category: row.category } : {}),
    evidence: row.evidence,
  };
}
