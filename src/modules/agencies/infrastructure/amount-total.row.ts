import type { AmountTotal } from '../domain/agency.js';

/** A stats row as the stats statements return it in JSON (amounts as text: numeric sums). */
export type StatsRow = Record<string, string | number>;

/** The currency, contract count and amount of a stats row; supplier stats read the same rows. */
export function amountTotalOf(row: StatsRow): AmountTotal {
  return { currency: String(row.currency), contracts: Number(row.contracts), amountCents: exactAmount(String(row.amount)) };
}

/** A sum as a JSON number while every client reads it exactly (up to 2^53-1), as its digits beyond. */
export function exactAmount(digits: string): number | string {
  const amount = Number(digits);
  return Number.isSafeInteger(amount) ? amount : digits;
}
