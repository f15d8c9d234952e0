import { envelope } from '../../../platform/events/index.js';
import type { Contract } from '../../contracts/domain/contract.js';
import { foldContractEvents } from './fold-contract-events.js';
import { projectContract } from './projected-contract.js';

const A1 = '00000000-0000-4000-8000-0000000000a1';
const A2 = '00000000-0000-4000-8000-0000000000a2';
const S1 = '00000000-0000-4000-8000-0000000000b1';
const C1 = '00000000-0000-4000-8000-0000000000c1';

const contract = (overrides: Partial<Contract> = {}): Contract => ({
  id: C1,
  agencyId: A1,
  supplierId: S1,
  category: 'energy',
  procurementMethod: 'open',
  amountCents: 1000,
  currency: 'EUR',
  signedAt: '2024-01-31T23:30:00.000Z',
  status: 'active',
  metadata: {},
  version: 1,
  createdAt: '2024-02-01T00:00:00.000Z',
  updatedAt: '2024-02-01T00:00:00.000Z',
  ...overrides,
});
const event = (c: Contract, type = c.version === 1 ? 'contract.created' : 'contract.updated') =>
  envelope({ type, schemaVersion: 1, aggregateType: 'contract', aggregateId: c.id, aggregateVersion: c.version, payload: { contract: c } });
const none = new Map();

describe('foldContractEvents', () => {
  it('counts a new contract in its agency month, agency-supplier pair and supplier category (UTC month)', () => {
    const fold = foldContractEvents(none, [event(contract())]);
    expect(fold).toMatchObject({ applied: 1, skipped: 0, writes: [{ storedVersion: 0, next: { version: 1, month: '2024-01-01' } }] });
    expect(fold.deltas.rows()).toEqual({
      agencyMonthly: [{ agencyId: A1, month: '2024-01-01', category: 'energy', currency: 'EUR', contracts: 1, amountCents: 1000n }],
      agencySupplier: [{ agencyId: A1, supplierId: S1, currency: 'EUR', contracts: 1, amountCents: 1000n }],
      supplierCategory: [{ supplierId: S1, category: 'energy', currency: 'EUR', contracts: 1, amountCents: 1000n }],
    });
    expect(fold.tags.sort()).toEqual([`agency:${A1}`, `supplier:${S1}`]);
  });

  it('applies the same event twice only once, and ignores an older version after a newer one', () => {
    const created = event(contract());
    const twice = foldContractEvents(none, [created, created]);
    expect(twice).toMatchObject({ applied: 1, skipped: 1 });
    expect(twice.tags.sort()).toEqual([`agency:${A1}`, `supplier:${S1}`]);
    expect(twice.deltas.rows().agencyMonthly).toEqual([expect.objectContaining({ contracts: 1, amountCents: 1000n })]);

    const stored = new Map([[C1, projectContract(contract({ version: 3, amountCents: 3000 }))]]);
    const late = foldContractEvents(stored, [event(contract({ version: 2, amountCents: 2000 })), event(contract())]);
    expect(late).toMatchObject({ applied: 0, skipped: 2, writes: [], tags: [] });
    expect(late.deltas.rows()).toEqual({ agencyMonthly: [], agencySupplier: [], supplierCategory: [] });
  });

  it('invalidates again for an event redelivered after its state was written (its first delivery may have died before invalidating), not for an older one', () => {
    const stored = new Map([[C1, projectContract(contract({ version: 2, agencyId: A2 }))]]);
    const redelivered = foldContractEvents(stored, [event(contract({ version: 2, agencyId: A2 }))]);
    expect(redelivered).toMatchObject({ applied: 0, skipped: 1, writes: [] });
    expect(redelivered.tags.sort()).toEqual([`agency:${A2}`, `supplier:${S1}`]);
    expect(redelivered.deltas.rows()).toEqual({ agencyMonthly: [], agencySupplier: [], supplierCategory: [] });
    expect(foldContractEvents(stored, [event(contract({ version: 1 }))]).tags).toEqual([]);
  });

  it('moves the totals from the old agency to the new one on an agency change, from the stored state', () => {
    const stored = new Map([[C1, projectContract(contract())]]);
    const fold = foldContractEvents(stored, [event(contract({ version: 2, agencyId: A2 }))]);
    expect(fold.writes).toEqual([{ storedVersion: 1, next: expect.objectContaining({ version: 2, agencyId: A2 }) }]);
    expect(fold.deltas.rows().agencySupplier).toEqual([
      { agencyId: A1, supplierId: S1, currency: 'EUR', contracts: -1, amountCents: -1000n },
      { agencyId: A2, supplierId: S1, currency: 'EUR', contracts: 1, amountCents: 1000n },
    ]);
    // Same supplier and category: the supplier's totals do not move, so no row is written for it.
    expect(fold.deltas.rows().supplierCategory).toEqual([]);
    expect(fold.tags.sort()).toEqual([`agency:${A1}`, `agency:${A2}`, `supplier:${S1}`]);
  });

  it('removes a cancelled contract from every total, and an amount change moves only the amount', () => {
    const stored = new Map([[C1, projectContract(contract())]]);
    const cancelled = foldContractEvents(stored, [event(contract({ version: 2, status: 'cancelled' }))]);
    expect(cancelled.deltas.rows().agencyMonthly).toEqual([expect.objectContaining({ contracts: -1, amountCents: -1000n })]);
    expect(cancelled.deltas.rows().supplierCategory).toEqual([expect.objectContaining({ contracts: -1, amountCents: -1000n })]);

    const amount = foldContractEvents(stored, [event(contract({ version: 2, amountCents: 1500 }))]);
    expect(amount.deltas.rows().agencyMonthly).toEqual([expect.objectContaining({ contracts: 0, amountCents: 500n })]);
  });

  it('folds several versions of one contract in a batch into one write against the stored version, exact beyond 2^53', () => {
    const big = 2 ** 53;
    const fold = foldContractEvents(none, [event(contract({ amountCents: big })), event(contract({ version: 2, amountCents: big })), event(contract({ id: A2, amountCents: big }))]);
    expect(fold.writes.map((w) => [w.storedVersion, w.next.version])).toEqual([
      [0, 1],
      [0, 2],
    ]);
    expect(fold.deltas.rows().agencySupplier).toEqual([expect.objectContaining({ contracts: 2, amountCents: 2n * BigInt(big) })]);
  });

  it('ignores event types it does not project', () => {
    expect(foldContractEvents(none, [{ ...event(contract()), type: 'contract.archived' }])).toMatchObject({ applied: 0, skipped: 0, writes: [] });
  });
});
