/** Fixed vocabularies and distribution parameters of the generated data (see docs/data.md). */

export interface CategorySpec {
  name: string;
  /** Mean and standard deviation of ln(amount in cents). */
  mu: number;
  sigma: number;
  /** Share of all contracts. */
  weight: number;
}

const ln = Math.log;

// Medians from EUR 3,000 (office supplies) to EUR 400,000 (construction); sigma >= 1.1 spreads
// each category over several decades so first digits follow Benford's law naturally.
export const CATEGORIES: readonly CategorySpec[] = [
  { name: 'construction', mu: ln(40_000_000), sigma: 1.4, weight: 10 },
  { name: 'it_services', mu: ln(6_000_000), sigma: 1.3, weight: 12 },
  { name: 'medical_supplies', mu: ln(2_500_000), sigma: 1.2, weight: 11 },
  { name: 'consulting', mu: ln(3_000_000), sigma: 1.25, weight: 9 },
  { name: 'vehicles', mu: ln(5_000_000), sigma: 1.1, weight: 5 },
  { name: 'office_supplies', mu: ln(300_000), sigma: 1.2, weight: 13 },
  { name: 'energy', mu: ln(8_000_000), sigma: 1.35, weight: 6 },
  { name: 'food', mu: ln(800_000), sigma: 1.15, weight: 9 },
  { name: 'cleaning', mu: ln(1_000_000), sigma: 1.1, weight: 7 },
  { name: 'security', mu: ln(1_500_000), sigma: 1.2, weight: 5 },
  { name: 'telecom', mu: ln(2_000_000), sigma: 1.3, weight: 6 },
  { name: 'research', mu: ln(4_000_000), sigma: 1.4, weight: 7 },
];

export const REGIONS = ['north', 'south', 'east', 'west', 'central', 'islands'] as const;
export const COUNTRIES = ['ES', 'ES', 'ES', 'ES', 'PT', 'FR', 'DE', 'IT', 'NL'] as const;
export const FUNDING_SOURCES = ['eu', 'national', 'national', 'national', 'regional'] as const;

/** Direct awards are allowed below this amount; split purchases sit just under it. */
export const DIRECT_AWARD_THRESHOLD_CENTS = 1_500_000;
/** Natural amounts never fall in [SPLIT_BAND_LOW, threshold): that band belongs to planted splits. */
export const SPLIT_BAND_LOW = 0.9;

export const START_DATE = Date.UTC(2021, 0, 1);
export const YEARS = 5;

/** Relative signing activity per month: quarter and year ends busy, August quiet. */
export const MONTH_WEIGHTS = [0.8, 0.9, 1.3, 0.9, 1.0, 1.4, 0.9, 0.5, 1.1, 1.0, 1.2, 1.9] as const;

const AGENCY_KINDS = ['Ministry of', 'Regional Government of', 'City Council of', 'Municipality of', 'Health Service of', 'Port Authority of'];
const PLACES = ['Aldara', 'Belmonte', 'Corvia', 'Duero', 'Esparta', 'Fenwick', 'Galdar', 'Hollin', 'Iberra', 'Jarosa', 'Kestrel', 'Lumen', 'Morada', 'Nivaria', 'Orduna', 'Palma', 'Quintana', 'Riberas', 'Solano', 'Tarama'];
const SUPPLIER_WORDS = ['Acme', 'Nova', 'Iber', 'Vector', 'Atlas', 'Delta', 'Orion', 'Prisma', 'Sigma', 'Terra', 'Vita', 'Zenit', 'Alba', 'Brio', 'Cobalt', 'Duna'];
const SUPPLIER_SUFFIXES = ['Solutions', 'Group', 'Services', 'Industries', 'Systems', 'Partners', 'Supplies', 'Works'];

export function agencyName(rank: number): string {
  const kind = rank < 12 ? AGENCY_KINDS[rank % 2] : AGENCY_KINDS[2 + (rank % 4)];
  return `${kind} ${PLACES[rank % PLACES.length]} ${Math.floor(rank / PLACES.length) + 1}`;
}

export function supplierName(rank: number): string {
  const w = SUPPLIER_WORDS.length;
  return `${SUPPLIER_WORDS[rank % w]} ${SUPPLIER_WORDS[Math.floor(rank / w) % w]} ${SUPPLIER_SUFFIXES[rank % SUPPLIER_SUFFIXES.length]} ${rank + 1}`;
}
