import { contractCreatedLine, eventIdOf } from './event-log.js';

describe('generated contract.created events', () => {
  const id = '3f2b8c1e-9d4a-4b6e-a1c2-5e6f7a8b9c0d';
  const at = '2024-03-05T10:20:30.123Z';

  it('get a UUID v7 id carrying the creation time and the contract id random bits', () => {
    const eventId = eventIdOf(id, at);
    expect(eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(eventId.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse(at));
    expect(eventId.slice(15)).toBe('b6e-a1c2-5e6f7a8b9c0d');
    expect(eventIdOf(id, at)).toBe(eventId);
  });

  it('carry the contract as the API writes it, in an event_log COPY line', () => {
    const line = `${id}\tag\tsu\tenergy\topen\t1250\tEUR\t${at}\tactive\t{"lot":2}\t${at}\t${at}\n`;
    const fields = contractCreatedLine(line).slice(0, -1).split('\t');
    expect(fields.slice(0, 7)).toEqual([eventIdOf(id, at), 'contract.created', '1', 'contract', id, '1', at]);
    expect(JSON.parse(fields[7])).toEqual({
      contract: { id, agencyId: 'ag', supplierId: 'su', category: 'energy', procurementMethod: 'open', amountCents: 1250, currency: 'EUR', signedAt: at, status: 'active', metadata: { lot: 2 }, version: 1, createdAt: at, updatedAt: at },
    });
  });
});
