import type { Samples } from './lib/bench-db.js';

export interface Scenario {
  name: string;
  description: string;
  /** Paths to cycle through; the first one's response is what the ceilings serve. */
  paths(samples: Samples): string[];
}

const pick = <T>(items: readonly T[], n: number) => items.slice(0, Math.min(n, items.length));

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'contract-by-id',
    description: 'GET /contracts/:id over 1,000 sampled ids',
    paths: (s) => pick(s.contractIds, 1000).map((id) => `/contracts/${id}`),
  },
  {
    name: 'contract-list',
    description: 'GET /contracts first pages: unfiltered, by agency, by supplier, by status and amount range (limit 20)',
    paths: (s) => {
      const paths = ['/contracts', '/contracts?status=active', '/contracts?minAmountCents=10000000000'];
      for (const id of pick(s.agencyIds, 100)) paths.push(`/contracts?agency=${id}`);
      for (const id of pick(s.supplierIds, 100)) paths.push(`/contracts?supplier=${id}`);
      for (const id of pick(s.agencyIds, 50)) paths.push(`/contracts?agency=${id}&signedFrom=2024-01-01T00:00:00Z&metadata=${encodeURIComponent('{"fundingSource":"eu"}')}`);
      return paths;
    },
  },
  {
    name: 'agency-stats',
    description: 'GET /agencies/:id/stats across all agencies, largest first',
    paths: (s) => s.agenciesBySize.map((id) => `/agencies/${id}/stats`),
  },
];

export function scenarioByName(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
