import { CATEGORIES, DIRECT_AWARD_THRESHOLD_CENTS, FUNDING_SOURCES, MONTH_WEIGHTS, SPLIT_BAND_LOW, START_DATE, YEARS } from './catalog.js';
import { cdfOf, sampleCdf } from './distributions.js';
import { SPECIALIST_SHARE, type Plan } from './plan.js';
import type { Rng } from './prng.js';

export interface GroundTruthRow {
  kind: 'price_outlier' | 'split_purchase' | 'supplier_concentration' | 'benford';
  contractId: string | null;
  supplierId: string | null;
  agencyId: string | null;
  category: string | null;
  details: Record<string, unknown>;
}

const DAY_MS = 86_400_000;
const MONTH_CDF = cdfOf(Array.from({ length: YEARS * 12 }, (_, i) => MONTH_WEIGHTS[i % 12]));
const RECENT = Date.UTC(2024, 6, 1);
const SPLIT_LOW = SPLIT_BAND_LOW * DIRECT_AWARD_THRESHOLD_CENTS;

/** A signing time: month by seasonal weight, then day and office hours uniformly. */
function signedAt(rng: Rng): number {
  const month = sampleCdf(MONTH_CDF, rng.next());
  const year = 2021 + Math.floor(month / 12);
  const start = Date.UTC(year, month % 12, 1);
  const days = (Date.UTC(year, (month % 12) + 1, 1) - start) / DAY_MS;
  return start + Math.floor(rng.next() * days) * DAY_MS + (8 * 3600 + Math.floor(rng.next() * 10 * 3600)) * 1000;
}

function status(rng: Rng, at: number): string {
  const u = rng.next();
  if (at < RECENT) return u < 0.8 ? 'completed' : u < 0.88 ? 'active' : u < 0.94 ? 'terminated' : 'cancelled';
  return u < 0.85 ? 'active' : u < 0.93 ? 'completed' : u < 0.96 ? 'terminated' : 'cancelled';
}

function method(rng: Rng, amount: number): string {
  const u = rng.next();
  if (amount < DIRECT_AWARD_THRESHOLD_CENTS) return u < 0.7 ? 'direct_award' : u < 0.9 ? 'negotiated' : 'open';
  return u < 0.55 ? 'open' : u < 0.75 ? 'restricted' : u < 0.85 ? 'negotiated' : 'framework';
}

/** Moves the first digit of `amount` into 5..9, keeping its order of magnitude as close as possible. */
export function withFirstDigitFrom5To9(amount: number, rng: Rng): number {
  const digit = 5 + Math.floor(rng.next() * 5);
  const exponent = Math.floor(Math.log10(amount));
  const mantissa = amount / 10 ** exponent;
  const fraction = mantissa - Math.floor(mantissa);
  const up = (digit + fraction) * 10 ** exponent;
  const down = (digit + fraction) * 10 ** (exponent - 1);
  return Math.max(10, Math.round(Math.abs(Math.log(up / amount)) <= Math.abs(Math.log(down / amount)) ? up : down));
}

/** Keeps natural amounts out of the band just under the direct-award threshold. */
function outsideSplitBand(amount: number): number {
  return amount >= SPLIT_LOW && amount < DIRECT_AWARD_THRESHOLD_CENTS ? Math.round(amount * 0.8) : amount;
}

/**
 * Yields the natural contracts (with planted price outliers, concentration and Benford
 * anomalies) and then the planted split-purchase groups, as COPY text lines; each planted
 * anomaly is reported to `truth`.
 */
export function* generateContracts(plan: Plan, rng: Rng, truth: (row: GroundTruthRow) => void): Generator<string, void> {
  const { agencies, suppliers, categorySuppliers } = plan;
  const splitContracts: number[] = [];
  const splitRng = rng.fork(7);
  for (let g = 0; g < plan.splitGroups; g++) splitContracts.push(3 + Math.floor(splitRng.next() * 3));
  const natural = Math.max(0, plan.options.contracts - splitContracts.reduce((a, b) => a + b, 0));

  for (let i = 0; i < natural; i++) {
    const agencyIndex = sampleCdf(plan.agencyCdf, rng.next());
    const agency = agencies[agencyIndex];
    const category = sampleCdf(agency.categoryCdf, rng.next());
    const spec = CATEGORIES[category];
    let supplierIndex: number;
    const dominant = plan.concentrationByPair.get(agencyIndex * CATEGORIES.length + category);
    if (dominant !== undefined && rng.next() < 0.8) supplierIndex = dominant;
    else if (rng.next() < SPECIALIST_SHARE && categorySuppliers[category].members.length > 0) {
      const group = categorySuppliers[category];
      supplierIndex = group.members[sampleCdf(group.cdf, rng.next())];
    } else supplierIndex = sampleCdf(plan.globalSupplierCdf, rng.next());
    const supplier = suppliers[supplierIndex];

    let amount = Math.max(100, Math.round(Math.exp(spec.mu + spec.sigma * rng.normal())));
    const id = rng.uuid();
    const benford = plan.benfordSuppliers.has(supplierIndex);
    if (benford) amount = withFirstDigitFrom5To9(amount, rng);
    else if (rng.next() < plan.priceOutlierRate) {
      const z = 6 + 2 * rng.next();
      amount = Math.round(Math.exp(spec.mu + spec.sigma * z));
      truth({ kind: 'price_outlier', contractId: id, supplierId: supplier.id, agencyId: agency.id, category: spec.name, details: { robustZ: Number(z.toFixed(3)), amountCents: amount } });
    }
    amount = outsideSplitBand(amount);
    const at = signedAt(rng);
    yield line(id, agency.id, supplier.id, spec.name, method(rng, amount), amount, at, status(rng, at), rng, agency.region);
  }

  for (let g = 0; g < splitContracts.length; g++) {
    const agency = agencies[sampleCdf(plan.agencyCdf, splitRng.next())];
    let supplierIndex = sampleCdf(plan.globalSupplierCdf, splitRng.next());
    while (plan.benfordSuppliers.has(supplierIndex) || plan.concentration.some((t) => t.supplier === supplierIndex)) supplierIndex = (supplierIndex + 1) % suppliers.length;
    const supplier = suppliers[supplierIndex];
    const category = CATEGORIES[sampleCdf(agency.categoryCdf, splitRng.next())].name;
    const start = START_DATE + Math.floor(splitRng.next() * (YEARS * 365 - 40)) * DAY_MS;
    for (let k = 0; k < splitContracts[g]; k++) {
      const id = splitRng.uuid();
      const amount = Math.round(DIRECT_AWARD_THRESHOLD_CENTS * (0.95 + 0.049 * splitRng.next()));
      const at = start + Math.floor(splitRng.next() * 30 * DAY_MS);
      yield line(id, agency.id, supplier.id, category, 'direct_award', amount, at, 'completed', splitRng, agency.region);
      truth({ kind: 'split_purchase', contractId: id, supplierId: supplier.id, agencyId: agency.id, category, details: { group: g, thresholdCents: DIRECT_AWARD_THRESHOLD_CENTS, amountCents: amount } });
    }
  }

  for (const target of plan.concentration) {
    truth({ kind: 'supplier_concentration', contractId: null, supplierId: suppliers[target.supplier].id, agencyId: agencies[target.agency].id, category: CATEGORIES[target.category].name, details: { plantedShare: 0.8 } });
  }
  for (const supplier of plan.benfordSuppliers) {
    truth({ kind: 'benford', contractId: null, supplierId: suppliers[supplier].id, agencyId: null, category: null, details: { firstDigits: '5-9' } });
  }
}

function line(id: string, agencyId: string, supplierId: string, category: string, procurement: string, amount: number, at: number, state: string, rng: Rng, region: string): string {
  const iso = new Date(at).toISOString();
  const funding = FUNDING_SOURCES[Math.floor(rng.next() * FUNDING_SOURCES.length)];
  const metadata = `{"fundingSource":"${funding}","framework":${procurement === 'framework'},"region":"${region}","lot":${1 + Math.floor(rng.next() * 5)}}`;
  return `${id}\t${agencyId}\t${supplierId}\t${category}\t${procurement}\t${amount}\tEUR\t${iso}\t${state}\t${metadata}\t${iso}\t${iso}\n`;
}

