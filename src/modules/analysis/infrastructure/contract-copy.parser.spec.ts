import { readUuid } from '../domain/uuid-bytes.js';
import { ContractCopyParser } from './contract-copy.parser.js';

const A = '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0';
const B = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const text = [
  `${A}\tagency-1\tsupplier-1\tfood\tdirect_award\tactive\t1450000\t1704067200000\n`,
  `${B}\tagency-2\tsupplier-1\tenergy\topen\tcompleted\t99\t1704153600123\n`,
].join('');

describe('ContractCopyParser', () => {
  it('parses COPY text into columns however the chunks split the lines', () => {
    const bytes = Buffer.from(text, 'latin1');
    for (const cut of [1, 7, 36, 60, bytes.length - 1]) {
      const parser = new ContractCopyParser(1);
      parser.push(bytes.subarray(0, cut));
      parser.push(bytes.subarray(cut));
      const columns = parser.finish();
      expect(columns.count).toBe(2);
      expect(readUuid(columns.contractIds, 0)).toBe(A);
      expect(readUuid(columns.contractIds, 16)).toBe(B);
      expect(columns.agencyIds).toEqual(['agency-1', 'agency-2']);
      expect(Array.from(columns.supplier)).toEqual([0, 0]);
      expect(columns.categories).toEqual(['food', 'energy']);
      expect(columns.methods[columns.method[0]]).toBe('direct_award');
      expect(columns.statuses[columns.status[1]]).toBe('completed');
      expect(Array.from(columns.amountCents)).toEqual([1_450_000, 99]);
      expect(Array.from(columns.signedAtMs)).toEqual([1_704_067_200_000, 1_704_153_600_123]);
    }
  });

  it('refuses output that ends mid-line or lines with missing fields', () => {
    const cut = new ContractCopyParser();
    cut.push(Buffer.from(text.slice(0, 50)));
    expect(() => cut.finish()).toThrow('middle of a line');
    expect(() => new ContractCopyParser().push(Buffer.from(`${A}\tagency\n`))).toThrow('expected 8');
  });
});
