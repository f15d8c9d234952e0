import { CATEGORIES, COUNTRIES, REGIONS } from './catalog.js';
import { cdfOf, zipfCdf } from './distributions.js';
import { Rng } from './prng.js';

export interface GenerationOptions {
  contracts: number;
  seed: number;
  agencies?: number;
  suppliers?: number;
}

export interface AgencyPlan {
  id: string;
  code: string;
  rank: number;
  region: string;
  /** Cumulative category weights of this agency. */
  categoryCdf: Float64Array;
}

export interface SupplierPlan {
  id: string;
  rank: number;
  taxId: string;
  country: string;
  category: number;
}

/** A planted agency+category whose spend one supplier dominates. */
export interface ConcentrationTarget {
  agency: number;
  category: number;
  supplier: number;
}

/** Everything decided before the first contract row: entities, popularity and anomaly targets. */
export interface Plan {
  options: Required<GenerationOptions>;
  agencies: AgencyPlan[];
  agencyCdf: Float64Array;
  suppliers: SupplierPlan[];
  globalSupplierCdf: Float64Array;
  /** Per category: supplier indices, most popular first, and their Zipf cdf. */
  categorySuppliers: { members: number[]; cdf: Float64Array }[];
  concentration: ConcentrationTarget[];
  /** agency * CATEGORIES.length + category -> dominant supplier index. */
  concentrationByPair: Map<number, number>;
  benfordSuppliers: Set<number>;
  splitGroups: number;
  priceOutlierRate: number;
}

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));
const SPECIALIST_SHARE = 0.85;

export function defaultOptions(options: GenerationOptions): Required<GenerationOptions> {
  return {
    contracts: options.contracts,
    seed: options.seed,
    agencies: options.agencies ?? clamp(Math.round(options.contracts / 2000), 20, 200),
    suppliers: options.suppliers ?? clamp(Math.round(options.contracts / 50), 600, 20000),
  };
}

export function buildPlan(input: GenerationOptions): Plan {
  const options = defaultOptions(input);
  const rng = new Rng(options.seed).fork(1);
  const catWeights = CATEGORIES.map((c) => c.weight);

  const agencies: AgencyPlan[] = [];
  for (let rank = 0; rank < options.agencies; rank++) {
    const profile = catWeights.map((w) => w * (0.3 + 1.4 * rng.next()));
    agencies.push({ id: rng.uuid(), code: `AG-${String(rank + 1).padStart(4, '0')}`, rank, region: REGIONS[rank % REGIONS.length], categoryCdf: cdfOf(profile) });
  }
  // Heavy-tailed sizes: the largest ministry signs ~40x more than the median municipality.
  const agencyCdf = zipfCdf(options.agencies, 1.1);

  const categoryCdf = cdfOf(catWeights);
  const suppliers: SupplierPlan[] = [];
  const categorySuppliers = CATEGORIES.map(() => ({ members: [] as number[], cdf: new Float64Array(0) as Float64Array }));
  for (let rank = 0; rank < options.suppliers; rank++) {
    let category = 0;
    const u = rng.next();
    while (categoryCdf[category] <= u) category++;
    suppliers.push({ id: rng.uuid(), rank, taxId: `TX${String(rank + 1).padStart(8, '0')}`, country: rng.pick(COUNTRIES), category });
    categorySuppliers[category].members.push(rank);
  }
  for (const group of categorySuppliers) group.cdf = zipfCdf(Math.max(group.members.length, 1), 1.0);
  const globalSupplierCdf = zipfCdf(options.suppliers, 1.0);

  // Anomaly targets, chosen among the entities big enough for the anomaly to be measurable.
  const expectedAgencyContracts = (a: number) => options.contracts * (agencyCdf[a] - (a ? agencyCdf[a - 1] : 0));
  const taken = new Set<number>();
  const concentration: ConcentrationTarget[] = [];
  const concentrationByPair = new Map<number, number>();
  const wanted = clamp(Math.round(options.contracts / 100_000), 2, 10);
  for (let a = 0; a < options.agencies && concentration.length < wanted; a++) {
    const cdf = agencies[a].categoryCdf;
    const category = (a * 5 + 2) % CATEGORIES.length;
    const share = cdf[category] - (category ? cdf[category - 1] : 0);
    if (expectedAgencyContracts(a) * share < 80) continue;
    const members = categorySuppliers[category].members;
    const supplier = members[Math.min(members.length - 1, 20 + concentration.length * 3)];
    if (supplier === undefined || taken.has(supplier)) continue;
    taken.add(supplier);
    concentration.push({ agency: a, category, supplier });
    concentrationByPair.set(a * CATEGORIES.length + category, supplier);
  }

  const benfordSuppliers = new Set<number>();
  const benfordWanted = clamp(Math.round(options.contracts / 100_000), 3, 10);
  for (let i = 0; benfordSuppliers.size < benfordWanted && i < 200; i++) {
    const members = categorySuppliers[i % CATEGORIES.length].members;
    const supplier = members[2 + Math.floor(i / CATEGORIES.length)];
    if (supplier !== undefined && !taken.has(supplier)) {
      benfordSuppliers.add(supplier);
      taken.add(supplier);
    }
  }

  return {
    options,
    agencies,
    agencyCdf,
    suppliers,
    globalSupplierCdf,
    categorySuppliers,
    concentration,
    concentrationByPair,
    benfordSuppliers,
    splitGroups: Math.max(1, Math.round(options.contracts / 5000)),
    priceOutlierRate: 0.001,
  };
}

export { SPECIALIST_SHARE };
