import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Agency, type AgencyPage } from '../domain/agency.js';
import { AgencyNotFoundError } from '../domain/agency.errors.js';
import { agencyCursor } from './agency-cursor.js';

const COLUMNS = 'id, code, name, region, created_at, updated_at';

interface AgencyRow {
  id: string;
  code: string;
  name: string;
  region: string;
  created_at: Date;
  updated_at: Date;
}

const toAgency = (row: AgencyRow): Agency => ({
  id: row.id,
  code: row.code,
  name: row.name,
  region: row.region,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

@Injectable()
export class AgenciesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findById(id: string): Promise<Agency> {
    const rows: AgencyRow[] = await this.db.query(`SELECT ${COLUMNS} FROM agencies WHERE id = $1`, [id]);
    if (rows.length === 0) throw new AgencyNotFoundError(id);
    return toAgency(rows[0]);
  }

  async exists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query('SELECT 1 FROM agencies WHERE id = $1', [id]);
    return rows.length > 0;
  }

  /** Agencies by name, in keyset pages over (name, id). */
  async list(cursor: string | undefined, limit: number): Promise<AgencyPage> {
    const params: unknown[] = [limit + 1];
    let where = '';
    if (cursor !== undefined) {
      const after = agencyCursor.decode(cursor);
      params.push(after.name, after.id);
      where = 'WHERE (name, id) > ($2, $3::uuid)';
    }
    const rows: AgencyRow[] = await this.db.query(`SELECT ${COLUMNS} FROM agencies ${where} ORDER BY name, id LIMIT $1`, params);
    const hasMore = rows.length > limit;
    if (hasMore) rows.pop();
    const last = rows[rows.length - 1];
    return { items: rows.map(toAgency), nextCursor: hasMore ? agencyCursor.encode(last.name, last.id) : null };
  }
}
