import { generateData } from '../../scripts/data/load.js';
import { KIND_OF_AGENT, readGroundTruth, scoreAgent, type GroundTruthEntry } from '../../scripts/analysis/quality.js';
import { runAllAgents, type AgentRun } from '../../scripts/analysis/run-agents.js';
import { AGENT_NAMES, loadContractColumns, readUuid, type AgentName, type ContractColumns } from '../../src/modules/analysis/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// 20k contracts is the smallest size at which the generator plants every kind (>= 2 of each) in a few seconds.
const CONTRACTS = 20_000;
const SEED = 7;

describe('analysis agents against planted anomalies', () => {
  let db: TestDatabase;
  let columns: ContractColumns;
  let truth: GroundTruthEntry[];
  let runs: Record<AgentName, AgentRun>;

  beforeAll(async () => {
    db = await createTestDatabase('analysis');
    await generateData({ url: db.url, contracts: CONTRACTS, seed: SEED });
    columns = await loadContractColumns(db.client, CONTRACTS);
    truth = await readGroundTruth(db.client);
    runs = runAllAgents(columns);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('loads every contract into the columns as stored', async () => {
    expect(columns.count).toBe(CONTRACTS);
    const { rows } = await db.client.query<{ amount: string; category: string; at: string }>('SELECT amount_cents AS amount, category, (extract(epoch FROM signed_at) * 1000)::bigint AS at FROM contracts WHERE id = $1', [readUuid(columns.contractIds, 16 * 1234)]);
    expect(rows).toHaveLength(1);
    expect(columns.amountCents[1234]).toBe(Number(rows[0].amount));
    expect(columns.categories[columns.category[1234]]).toBe(rows[0].category);
    expect(columns.signedAtMs[1234]).toBe(Number(rows[0].at));
  });

  it.each(AGENT_NAMES)('%s reaches precision and recall >= 0.9', (name) => {
    const planted = truth.filter((t) => t.kind === KIND_OF_AGENT[name]).length;
    expect(planted).toBeGreaterThanOrEqual(2);
    const quality = scoreAgent(name, runs[name].findings, truth);
    expect(quality.precision).toBeGreaterThanOrEqual(0.9);
    expect(quality.recall).toBeGreaterThanOrEqual(0.9);
    for (const finding of runs[name].findings) {
      expect(finding.agent).toBe(name);
      expect(['low', 'medium', 'high', 'critical']).toContain(finding.severity);
      expect(Number.isFinite(finding.score)).toBe(true);
    }
  });
});
