import { columnsFromRows, ContractColumnsBuilder } from './contract-columns.builder.js';
import { readUuid, writeUuidBytes } from './uuid-bytes.js';

const row = (id: string, agencyId: string, category: string) => ({ id, agencyId, supplierId: 'sup', category, method: 'open', status: 'active', amountCents: 1234, signedAtMs: Date.UTC(2024, 0, 2) });

describe('ContractColumns', () => {
  it('round-trips UUIDs through their 16 bytes', () => {
    const bytes = new Uint8Array(32);
    writeUuidBytes('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', bytes, 16);
    expect(Array.from(bytes.subarray(16, 20))).toEqual([0x0f, 0x1e, 0x2d, 0x3c]);
    expect(readUuid(bytes, 16)).toBe('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
    expect(readUuid(bytes.fill(0xff, 0, 16), 0)).toBe('ffffffff-ffff-ffff-ffff-ffffffffffff');
    expect(() => writeUuidBytes('not-a-uuid', bytes, 0)).toThrow('not a UUID');
  });

  it('dictionary-encodes strings in first-seen order and keeps the values per row', () => {
    const columns = columnsFromRows([
      row('00000000-0000-4000-8000-000000000001', 'agency-b', 'food'),
      row('00000000-0000-4000-8000-000000000002', 'agency-a', 'energy'),
      row('00000000-0000-4000-8000-000000000003', 'agency-b', 'food'),
    ]);
    expect(columns.count).toBe(3);
    expect(columns.agencyIds).toEqual(['agency-b', 'agency-a']);
    expect(Array.from(columns.agency)).toEqual([0, 1, 0]);
    expect(Array.from(columns.category)).toEqual([0, 1, 0]);
    expect(columns.categories).toEqual(['food', 'energy']);
    expect(columns.amountCents[2]).toBe(1234);
    expect(columns.signedAtMs[1]).toBe(Date.UTC(2024, 0, 2));
    expect(readUuid(columns.contractIds, 16 * 2)).toBe('00000000-0000-4000-8000-000000000003');
  });

  it('grows past its initial capacity and trims to the rows added', () => {
    const builder = new ContractColumnsBuilder(1);
    for (let i = 0; i < 100; i++) builder.add(row(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, `agency-${i % 7}`, 'food'));
    const columns = builder.build();
    expect(columns.count).toBe(100);
    expect(columns.agency.length).toBe(100);
    expect(columns.contractIds.length).toBe(1600);
    expect(columns.agencyIds).toHaveLength(7);
    expect(readUuid(columns.contractIds, 16 * 99)).toBe('00000000-0000-4000-8000-000000000099');
  });
});
