import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

export interface ContractFixture {
  id: string;
  agencyId: string;
  supplierId: string;
  category: string;
  procurementMethod: string;
  amountCents: number;
  currency: string;
  signedAt: string;
  status: string;
  metadata: Record<string, unknown>;
}

/** Builds rows straight in Postgres so API tests start from known data. */
export class Fixtures {
  private sequence = 0;

  constructor(private readonly client: Client) {}

  async agency(overrides: Partial<{ code: string; name: string; region: string }> = {}): Promise<string> {
    const n = ++this.sequence;
    const { rows } = await this.client.query<{ id: string }>('INSERT INTO agencies (code, name, region) VALUES ($1, $2, $3) RETURNING id', [
      overrides.code ?? `AG-${n}`,
      overrides.name ?? `Agency ${String(n).padStart(4, '0')}`,
      overrides.region ?? 'north',
    ]);
    return rows[0].id;
  }

  async supplier(overrides: Partial<{ taxId: string; name: string; country: string }> = {}): Promise<string> {
    const n = ++this.sequence;
    const { rows } = await this.client.query<{ id: string }>('INSERT INTO suppliers (tax_id, name, country) VALUES ($1, $2, $3) RETURNING id', [
      overrides.taxId ?? `TAX-${n}`,
      overrides.name ?? `Supplier ${n}`,
      overrides.country ?? 'ES',
    ]);
    return rows[0].id;
  }

  async contract(values: Pick<ContractFixture, 'agencyId' | 'supplierId'> & Partial<ContractFixture>): Promise<ContractFixture> {
    const contract: ContractFixture = {
      id: randomUUID(),
      category: 'construction',
      procurementMethod: 'open',
      amountCents: 100_000,
      currency: 'EUR',
      signedAt: '2024-06-01T12:00:00.000Z',
      status: 'active',
      metadata: {},
      ...values,
    };
    await this.client.query(
      `INSERT INTO contracts (id, agency_id, supplier_id, category, procurement_method, amount_cents, currency, signed_at, status, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [contract.id, contract.agencyId, contract.supplierId, contract.category, contract.procurementMethod, contract.amountCents, contract.currency, contract.signedAt, contract.status, JSON.stringify(contract.metadata)],
    );
    return contract;
  }
}
