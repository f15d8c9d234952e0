import { envelope } from '../../../platform/events/index.js';
import type { Contract } from '../../contracts/domain/contract.js';
import { latestContractStates } from './latest-contract-states.js';

const C1 = '00000000-0000-4000-8000-0000000000c1';
const C2 = '00000000-0000-4000-8000-0000000000c2';

const contract = (overrides: Partial<Contract> = {}): Contract => ({
  id: C1,
  agencyId: '00000000-0000-4000-8000-0000000000a1',
  supplierId: '00000000-0000-4000-8000-0000000000b1',
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

describe('latestContractStates', () => {
  it('keeps the fields the totals depend on, at the event\'s version, with the UTC signing month', () => {
    expect(latestContractStates([event(contract({ amountCents: 2 ** 53 + 2 }))])).toEqual([
      { contractId: C1, version: 1, agencyId: contract().agencyId, supplierId: contract().supplierId, month: '2024-01-01', category: 'energy', currency: 'EUR', amountCents: 2n ** 53n + 2n, status: 'active' },
    ]);
  });

  it('takes the newest version of each contract whatever the order, and orders contracts by id', () => {
    const states = latestContractStates([
      event(contract({ id: C2, version: 1 })),
      event(contract({ version: 3, amountCents: 3 })),
      event(contract({ version: 1 })),
      event(contract({ version: 2, amountCents: 2 })),
    ]);
    expect(states.map((s) => [s.contractId, s.version, s.amountCents])).toEqual([
      [C1, 3, 3n],
      [C2, 1, 1000n],
    ]);
  });

  it('leaves out events that carry no contract state', () => {
    expect(latestContractStates([event(contract(), 'contract.flagged'), envelope({ type: 'investigation.opened', schemaVersion: 1, aggregateType: 'investigation', aggregateId: C2, aggregateVersion: 1, payload: {} })])).toEqual([]);
  });
});
