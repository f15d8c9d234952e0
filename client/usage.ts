/**
 * A few calls through clients typed by the generated OpenAPI types (`npm run api:client`
 * writes them to generated/ and type-checks this file). When the documents change in a way a
 * client would notice (a path, a parameter, a body field, a status or an error code), this stops
 * compiling. It is never run.
 */
import createClient from 'openapi-fetch';
import type { paths as AdminPaths } from './generated/admin.js';
import type { components, paths } from './generated/public.js';

type Contract = components['schemas']['ContractResponseDto'];

export async function contractsOfAgency(baseUrl: string, agencyId: string): Promise<Contract[]> {
  const api = createClient<paths>({ baseUrl });
  const contracts: Contract[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await api.GET('/contracts', { params: { query: { agency: agencyId, limit: 100, cursor } } });
    if (error) {
      const code: 'REQUEST.INVALID' | 'REQUEST.BAD_URL' | 'REQUEST.MALFORMED' | 'CONTRACT.INVALID_FILTER' | 'PAGINATION.INVALID_CURSOR' | 'AUTH.INVALID' | 'REQUEST.URL_TOO_LONG' | 'REQUEST.RATE_LIMITED' | 'REQUEST.HEADERS_TOO_LARGE' | 'REQUEST.TIMEOUT' | 'AUTH.UNAVAILABLE' | 'DATABASE.UNAVAILABLE' = error.code;
      throw new Error(`${error.statusCode} ${code}: ${error.message}`);
    }
    contracts.push(...data.items);
    cursor = data.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return contracts;
}

/** Changes a contract's category, guarded by its version; null when someone changed it first. */
export async function recategorize(baseUrl: string, apiKey: string, id: string, category: string): Promise<Contract | null> {
  const api = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${apiKey}` } });
  const current = await api.GET('/contracts/{id}', { params: { path: { id } } });
  if (!current.data) throw new Error(current.error?.code);
  const { data, error, response } = await api.PATCH('/contracts/{id}', { params: { path: { id } }, body: { version: current.data.version, category } });
  if (response.status === 409) return null;
  if (error) throw new Error(error.code);
  return data;
}

/** Opens an investigation and returns where to follow it. */
export async function investigate(baseUrl: string, apiKey: string, agencyId: string): Promise<{ id: string; reused: boolean; findings: number }> {
  const api = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${apiKey}` } });
  const opened = await api.POST('/investigations', { body: { scope: { agencyId }, agents: ['price-outlier', 'benford'] } });
  if (opened.error) {
    const retryAfter = opened.response.headers.get('retry-after');
    throw new Error(`${opened.error.code}${retryAfter ? `, retry after ${retryAfter} s` : ''}`);
  }
  const detail = await api.GET('/investigations/{id}', { params: { path: { id: opened.data.id } } });
  if (detail.error) throw new Error(detail.error.code);
  const counts: Partial<Record<string, number>> = detail.data.findingCounts;
  const status: 'queued' | 'running' | 'completed' | 'failed' = detail.data.status;
  return { id: opened.data.id, reused: opened.data.reused, findings: status === 'completed' ? Object.values(counts).reduce((a: number, b) => a + (b ?? 0), 0) : 0 };
}

/** Operators: the cache's hit ratio, from the admin document's types. */
export async function cacheHitRatio(baseUrl: string, adminKey: string): Promise<number> {
  const admin = createClient<AdminPaths>({ baseUrl, headers: { authorization: `Bearer ${adminKey}` } });
  const { data, error } = await admin.GET('/admin/cache/stats');
  if (error) throw new Error(error.code);
  return data.hitRatio;
}
