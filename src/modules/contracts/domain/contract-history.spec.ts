import { contractVersions, type LoggedContractEvent } from './contract-history.js';

const contract = { id: 'c1', agencyId: 'a1', supplierId: 's1', category: 'energy', procurementMethod: 'open' as const, amountCents: 10, currency: 'EUR', signedAt: '2025-01-01T00:00:00.000Z', status: 'active' as const, metadata: { lot: 1 } };
const created: LoggedContractEvent = { version: 1, type: 'contract.created', at: '2025-01-01T00:00:00.000Z', actor: 'key:0123456789abcdef', payload: { contract: { ...contract, version: 1 } } };
const update = (version: number, changes: object, named: string[], actor: string | null = 'admin-token'): LoggedContractEvent => ({
  version,
  type: 'contract.updated',
  at: `2025-01-0${version}T00:00:00.000Z`,
  actor,
  payload: { contract: { ...contract, ...changes, version }, changed: named },
});

describe('contractVersions', () => {
  it('lists every field set at creation, and for a change the fields whose value moved', () => {
    const events = [created, update(2, { amountCents: 20, status: 'active' }, ['amountCents', 'status']), update(3, { amountCents: 20, metadata: { lot: 2 } }, ['metadata'], null)];
    expect(contractVersions(events)).toEqual([
      { version: 1, event: 'contract.created', at: created.at, actor: 'key:0123456789abcdef', changed: ['agencyId', 'supplierId', 'category', 'procurementMethod', 'amountCents', 'currency', 'signedAt', 'status', 'metadata'] },
      { version: 2, event: 'contract.updated', at: '2025-01-02T00:00:00.000Z', actor: 'admin-token', changed: ['amountCents'] },
      { version: 3, event: 'contract.updated', at: '2025-01-03T00:00:00.000Z', actor: null, changed: ['metadata'] },
    ]);
  });

  it('diffs the first change of a later page against its baseline, or falls back to the fields the request named', () => {
    const second = update(2, { currency: 'USD' }, ['currency', 'status']);
    expect(contractVersions([second], created)[0].changed).toEqual(['currency']);
    expect(contractVersions([second])[0].changed).toEqual(['currency', 'status']);
  });
});
