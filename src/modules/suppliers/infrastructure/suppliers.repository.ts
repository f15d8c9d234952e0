import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Supplier } from '../domain/supplier.js';
import { SupplierNotFoundError } from '../domain/supplier.errors.js';

interface SupplierRow {
  id: string;
  tax_id: string;
  name: string;
  country: string;
  created_at: Date;
  updated_at: Date;
}

@Injectable()
export class SuppliersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findById(id: string): Promise<Supplier> {
    const rows: SupplierRow[] = await this.db.query('SELECT id, tax_id, name, country, created_at, updated_at FROM suppliers WHERE id = $1', [id]);
    if (rows.length === 0) throw new SupplierNotFoundError(id);
    const [row] = rows;
    return { id: row.id, taxId: row.tax_id, name: row.name, country: row.country, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
  }
}
