import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { appendToOutbox, type EventCause, NO_CAUSE } from '../../../platform/events/index.js';
import { type Contract, type ContractChanges, type NewContract } from '../domain/contract.js';
import { type ContractFilters, type ContractPage } from '../domain/contract-filters.js';
import { ContractNotFoundError, ContractVersionConflictError, UnknownReferenceError } from '../domain/contract.errors.js';
import { contractCreated, contractUpdated } from '../domain/contract.events.js';
import { contractCursor } from './contract-cursor.js';
import { contractListQuery } from './contract-list.sql.js';
import { CONTRACT_COLUMNS, type ContractRow, toContract } from './contract.row.js';

const COLUMN_BY_FIELD: Readonly<Record<keyof ContractChanges, string>> = {
  agencyId: 'agency_id',
  supplierId: 'supplier_id',
  category: 'category',
  procurementMethod: 'procurement_method',
  amountCents: 'amount_cents',
  currency: 'currency',
  signedAt: 'signed_at',
  status: 'status',
  metadata: 'metadata',
};

@Injectable()
export class ContractsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findById(id: string): Promise<Contract> {
    const rows: ContractRow[] = await this.db.query(`SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE id = $1`, [id]);
    if (rows.length === 0) throw new ContractNotFoundError(id);
    return toContract(rows[0]);
  }

  async list(filters: ContractFilters, cursor: string | undefined, limit: number): Promise<ContractPage<Contract>> {
    const { sql, params } = contractListQuery(filters, cursor === undefined ? undefined : contractCursor.decode(cursor), limit);
    const rows: (ContractRow & { signed_us: string })[] = await this.db.query(sql, params);
    const hasMore = rows.length > limit;
    if (hasMore) rows.pop();
    const last = rows[rows.length - 1];
    return { items: rows.map(toContract), nextCursor: hasMore ? contractCursor.encode({ signedAtMicros: last.signed_us, id: last.id }) : null };
  }

  /** Inserts the contract and its `contract.created` event in one transaction. */
  async insert(contract: NewContract, cause: EventCause = NO_CAUSE): Promise<Contract> {
    try {
      return await this.db.transaction(async (tx) => {
        const created = await this.insertRow(tx, contract);
        await appendToOutbox(tx, [contractCreated(created, cause)]);
        return created;
      });
    } catch (error) {
      throw referenceError(error, contract) ?? error;
    }
  }

  private async insertRow(tx: EntityManager, contract: NewContract): Promise<Contract> {
    const rows: ContractRow[] = await tx.query(
      `INSERT INTO contracts (agency_id, supplier_id, category, procurement_method, amount_cents, currency, signed_at, status, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${CONTRACT_COLUMNS}`,
      [contract.agencyId, contract.supplierId, contract.category, contract.procurementMethod, contract.amountCents, contract.currency, contract.signedAt, contract.status, JSON.stringify(contract.metadata)],
    );
    return toContract(rows[0]);
  }

  /**
   * Applies `changes` only if the stored version is `expectedVersion`; bumps the version and
   * appends `contract.updated`, in one transaction. Returns the agency the contract belonged
   * to before, whose stats the change also moved.
   */
  async update(id: string, expectedVersion: number, changes: ContractChanges, cause: EventCause = NO_CAUSE): Promise<{ contract: Contract; previousAgencyId: string }> {
    const updated = await this.db.transaction(async (tx) => {
      const result = await this.updateRow(tx, id, expectedVersion, changes);
      if (result) await appendToOutbox(tx, [contractUpdated(result.contract, changes, result.previousAgencyId, cause)]);
      return result;
    });
    if (updated) return updated;
    const current: { version: number }[] = await this.db.query('SELECT version FROM contracts WHERE id = $1', [id]);
    if (current.length === 0) throw new ContractNotFoundError(id);
    throw new ContractVersionConflictError(id, expectedVersion, current[0].version);
  }

  private async updateRow(tx: EntityManager, id: string, expectedVersion: number, changes: ContractChanges): Promise<{ contract: Contract; previousAgencyId: string } | undefined> {
    const sets: string[] = [];
    const params: unknown[] = [id, expectedVersion];
    for (const [field, value] of Object.entries(changes) as [keyof ContractChanges, unknown][]) {
      if (value === undefined) continue;
      params.push(field === 'metadata' ? JSON.stringify(value) : value);
      sets.push(`${COLUMN_BY_FIELD[field]} = $${params.length}`);
    }
    sets.push('version = version + 1', 'updated_at = now()');
    let rows: (ContractRow & { previous_agency_id: string })[];
    try {
      // TypeORM returns [rows, affectedCount] for UPDATE ... RETURNING.
      [rows] = await tx.query(
        `WITH previous AS (SELECT agency_id AS previous_agency_id FROM contracts WHERE id = $1 AND version = $2 FOR UPDATE)
         UPDATE contracts SET ${sets.join(', ')} FROM previous WHERE id = $1 AND version = $2
         RETURNING ${CONTRACT_COLUMNS}, previous.previous_agency_id`,
        params,
      );
    } catch (error) {
      throw referenceError(error, changes) ?? error;
    }
    return rows.length === 1 ? { contract: toContract(rows[0]), previousAgencyId: rows[0].previous_agency_id } : undefined;
  }
}

function referenceError(error: unknown, values: { agencyId?: string; supplierId?: string }): UnknownReferenceError | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driver = error.driverError as { code?: string; constraint?: string };
  if (driver.code !== '23503') return undefined;
  if (driver.constraint === 'contracts_agency_id_fkey') return new UnknownReferenceError('agencyId', values.agencyId ?? '');
  if (driver.constraint === 'contracts_supplier_id_fkey') return new UnknownReferenceError('supplierId', values.supplierId ?? '');
  return undefined;
}
