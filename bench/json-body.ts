import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import { DEFAULT_MAX_JSON_DEPTH, nestsDeeperThan } from '../src/platform/http/index.js';

/**
 * The JSON body parser's cost with and without the depth check that runs before it: Fastify's
 * own parser (prototype-poisoning checks included) on a typical POST /contracts body and on one
 * with 6 KB of metadata, in alternated rounds. `npm run bench:json-body [-- --rounds N]`.
 */
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 7;
const ITERATIONS = 200_000;

const contract = {
  agencyId: '3f1c3de0-1111-4222-8333-944444444444',
  supplierId: 'a3f1c3de-1111-4222-8333-944444444444',
  category: 'construction',
  procurementMethod: 'open',
  amountCents: 1_250_000,
  currency: 'EUR',
  signedAt: '2025-01-01T00:00:00Z',
  status: 'active',
};
const bodies = {
  typical: Buffer.from(JSON.stringify({ ...contract, metadata: { fundingSource: 'eu', lot: 3 } })),
  '6 KB metadata': Buffer.from(JSON.stringify({ ...contract, metadata: { items: Array.from({ length: 120 }, (_, i) => ({ lot: i, note: `lot ${i}`, tags: ['a', 'b'] })) } })),
};

const parse = Fastify().getDefaultJsonParser('error', 'error');
const request = {} as never;
const plain = (body: Buffer) => parse(request, body as unknown as string, () => undefined);
const checked = (body: Buffer) => {
  if (!nestsDeeperThan(body, DEFAULT_MAX_JSON_DEPTH)) parse(request, body as unknown as string, () => undefined);
};

function nsPerOp(run: (body: Buffer) => void, body: Buffer): number {
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) run(body);
  return ((performance.now() - started) * 1e6) / ITERATIONS;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const [name, body] of Object.entries(bodies)) {
  const results = { plain: [] as number[], checked: [] as number[] };
  nsPerOp(plain, body);
  nsPerOp(checked, body);
  for (let round = 0; round < rounds; round++) {
    results.plain.push(nsPerOp(plain, body));
    results.checked.push(nsPerOp(checked, body));
  }
  const [p, c] = [median(results.plain), median(results.checked)];
  console.log(`${name} (${body.length} B): Fastify's parser ${p.toFixed(0)} ns, with the depth check ${c.toFixed(0)} ns (+${(c - p).toFixed(0)} ns, ${((c / p - 1) * 100).toFixed(1)}%), median of ${rounds} rounds`);
}
