import { compareIds, toEntry } from './stream-entry.js';

describe('toEntry', () => {
  it('takes type and envelope from the relay fields, whatever their order', () => {
    expect(toEntry('s', ['1-0', ['envelope', '{}', 'id', 'e1', 'type', 'contract.created']], 2)).toEqual({ stream: 's', id: '1-0', type: 'contract.created', envelope: '{}', deliveries: 2 });
  });

  it('keeps an entry whose fields are gone (deleted while pending) as unreadable', () => {
    expect(toEntry('s', ['1-0', null], 1)).toMatchObject({ type: undefined, envelope: undefined });
  });
});

describe('compareIds', () => {
  it('orders by milliseconds, then sequence, numerically', () => {
    const ids = ['10-1', '9-5', '10-0', '100-0', '10-10'];
    expect([...ids].sort(compareIds)).toEqual(['9-5', '10-0', '10-1', '10-10', '100-0']);
  });
});
