import type { AmountTotal } from '../domain/agency.js';

/** A stats row as the stats statements return it in JSON (amounts as text: bigint sums). */
export type StatsRow = Record<string, string | number>;

/** The currency, contract count and amount of a stats row; supplier stats read the same rows. */
export function amountTotalOf(row: StatsRow): AmountTotal {
  return { currency: String(row.currency), contracts: Number(row.contracts), amountCents: Number(row.amount) };
}
