import { readUuid, writeUuidBytes } from '../domain/uuid-bytes.js';
import { ContractBinaryCopyParser } from './contract-binary-copy.parser.js';

const A = '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0';
const B = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const AGENCY_1 = '11111111-1111-4111-8111-111111111111';
const AGENCY_2 = '22222222-2222-4222-8222-222222222222';
const SUPPLIER = '33333333-3333-4333-8333-333333333333';

const uuid = (id: string) => {
  const bytes = new Uint8Array(16);
  writeUuidBytes(id, bytes, 0);
  return Buffer.from(bytes);
};
const int64 = (value: bigint) => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(value);
  return bytes;
};
const field = (value: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeInt32BE(value.length);
  return Buffer.concat([length, value]);
};
/** A tuple as Postgres writes it in binary COPY: field count, then length-prefixed values. */
const tuple = (id: string, agency: string, category: string, method: string, status: string, cents: bigint, signedAtMs: number) =>
  Buffer.concat([Buffer.from([0, 8]), ...[uuid(id), uuid(agency), uuid(SUPPLIER), Buffer.from(category), Buffer.from(method), Buffer.from(status), int64(cents), int64(BigInt(signedAtMs - Date.UTC(2000, 0, 1)) * 1000n)].map(field)]);
const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);
const output = Buffer.concat([HEADER, tuple(A, AGENCY_1, 'food', 'direct_award', 'active', 1_450_000n, 1_704_067_200_000), tuple(B, AGENCY_2, 'énergie', 'open', 'completed', 99n, 1_704_153_600_123), TRAILER]);

describe('ContractBinaryCopyParser', () => {
  it('reads binary COPY output into columns however the chunks split it', () => {
    for (const cut of [1, 5, 19, 21, 40, 100, output.length - 1]) {
      const parser = new ContractBinaryCopyParser(1);
      parser.push(output.subarray(0, cut));
      parser.push(output.subarray(cut));
      const columns = parser.finish();
      expect(columns.count).toBe(2);
      expect([readUuid(columns.contractIds, 0), readUuid(columns.contractIds, 16)]).toEqual([A, B]);
      expect(columns.agencyIds).toEqual([AGENCY_1, AGENCY_2]);
      expect(columns.supplierIds).toEqual([SUPPLIER]);
      expect(Array.from(columns.supplier)).toEqual([0, 0]);
      expect(columns.categories).toEqual(['food', 'énergie']);
      expect(columns.methods[columns.method[0]]).toBe('direct_award');
      expect(columns.statuses[columns.status[1]]).toBe('completed');
      expect(Array.from(columns.amountCents)).toEqual([1_450_000, 99]);
      expect(Array.from(columns.signedAtMs)).toEqual([1_704_067_200_000, 1_704_153_600_123]);
    }
  });

  it('refuses output cut before its trailer and output that is not binary COPY', () => {
    const cut = new ContractBinaryCopyParser();
    cut.push(output.subarray(0, output.length - 2));
    expect(() => cut.finish()).toThrow('before its trailer');
    expect(() => new ContractBinaryCopyParser().push(Buffer.from('id\tagency\tsupplier\tfood\n'))).toThrow('not binary COPY');
  });
});
