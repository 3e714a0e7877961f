import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { fillListTables } from '../../fixtures/list-tables';
import { createDataSource, migrate, queueConditions, readMediationQueue, type MediationQueueFilter, type Queryable } from '../../libs/persistence/src';
import { TEST_DATABASE_URL } from '../support/environment';

// The filtered mediation queue must walk disputes_mediation_queue and stop after the page. It
// used to sort the whole queue: the planner had no statistics on the jsonb filter expressions and
// estimated 14 rows for 2,142 (docs/performance.md). Migration 1764731400000 adds them, written
// like read-mediation-queue.ts writes the filters; if either changes without the other, this
// fails. The rows are the plan benchmark's (a fifth of its size), in a database of their own.

const ROWS = 20_000;
const url = (() => {
  const parsed = new URL(TEST_DATABASE_URL);
  parsed.pathname = `${parsed.pathname}_queue_plan`;
  return parsed.toString();
})();
const databaseName = decodeURIComponent(new URL(url).pathname.slice(1));

async function onServer(sql: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Plan Rows': number;
  'Actual Rows': number;
  Plans?: PlanNode[];
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

describe(`the filtered mediation queue's plan on ${ROWS.toLocaleString('en')} disputes (a tenth queued)`, () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    await onServer(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await migrate(url);
    dataSource = createDataSource(url, 2, 'disputes-test-queue-plan');
    await dataSource.initialize();
    await fillListTables(dataSource, ROWS);
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await onServer(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  });

  /** The plan of the queue's first page for `filter`, as the API asks for it. */
  async function planOf(filter: MediationQueueFilter): Promise<PlanNode[]> {
    let plan: PlanNode | undefined;
    const explaining: Queryable = {
      async query<T>(sql: string, parameters?: unknown[]): Promise<T> {
        const [row] = await dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, parameters);
        plan = row['QUERY PLAN'][0].Plan;
        return [] as T;
      },
    };
    await readMediationQueue(explaining, 21, filter, null, new Date().toISOString());
    return nodesOf(plan!);
  }

  it.each<[string, MediationQueueFilter]>([
    ['unclaimed and SLA breached', { claimed: false, slaBreached: true }],
    ['claimed and SLA breached', { claimed: true, slaBreached: true }],
    ['within the SLA', { slaBreached: false }],
    ['appeals', { stages: ['APPEAL'] }],
    ['a reason, unclaimed and breached', { escalationReasons: ['SELLER_NO_RESPONSE'], claimed: false, slaBreached: true }],
  ])('%s: walks disputes_mediation_queue in order, with no sort, and estimates the matches within a factor of four', async (_name, filter) => {
    const nodes = await planOf(filter);
    const scan = nodes.find((node) => node['Node Type'] === 'Index Scan');
    expect(nodes.map((node) => node['Node Type'])).not.toContain('Sort');
    expect(scan?.['Index Name']).toBe('disputes_mediation_queue');
    // The page stops the scan early, so the estimate is checked against a count of all matches.
    const parameters: unknown[] = [];
    const where = queueConditions(filter, new Date().toISOString(), parameters);
    const [{ matches }] = await dataSource.query(`SELECT count(*)::int AS matches FROM disputes WHERE ${where.join(' AND ')}`, parameters);
    expect(matches).toBeGreaterThan(21);
    expect(scan!['Plan Rows']).toBeGreaterThan(matches / 4);
    expect(scan!['Plan Rows']).toBeLessThan(matches * 4);
  });
});
