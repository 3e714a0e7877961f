// EXPLAIN (ANALYZE, BUFFERS) of the main list queries on a realistic table: a scratch database
// (`disputes_plans`, or PLANS_DATABASE_URL naming one that ends in `_plans`) is dropped,
// migrated and filled with 100,000 disputes and 100,000 orders, and each list runs through its
// real persistence operation with a Queryable that explains the SQL before running it.
// Run: npm run bench:plans (prints Markdown for docs/performance.md).
import {
  countDisputes,
  countMediationQueue,
  countOrders,
  createDataSource,
  disputesOfOrders,
  freshDatabase,
  listDisputes,
  listOrders,
  readMediationQueue,
  type Queryable,
} from '../../libs/persistence/src';
import { fillListTables } from '../../fixtures/list-tables';

const URL = process.env.PLANS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/disputes_plans';
const ROWS = Number(process.env.PLANS_ROWS ?? 100_000);
const DAY_MS = 86_400_000;

/** Runs each query twice: once explained (the plan is kept), once for the rows the operation maps. */
function explaining(db: Queryable, plans: string[]): Queryable {
  return {
    async query<T>(sql: string, parameters?: unknown[]): Promise<T> {
      const plan = await db.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters);
      plans.push(plan.map((row) => row['QUERY PLAN']).join('\n'));
      return db.query<T>(sql, parameters);
    },
  };
}

async function main(): Promise<void> {
  await freshDatabase(URL, /_plans$/, 'bench:plans');
  const dataSource = createDataSource(URL, 2, 'disputes-plans');
  await dataSource.initialize();
  try {
    await fillListTables(dataSource, ROWS);
    const now = new Date().toISOString();
    const monthAgo = new Date(Date.now() - 30 * DAY_MS).toISOString();
    const cases: Array<[string, (db: Queryable) => Promise<unknown>]> = [
      ['orders: a buyer\u2019s first page (My Orders)', (db) => listOrders(db, { buyerId: 'buyer-42' }, {}, { limit: 21 })],
      ['orders: a buyer\u2019s totalCount', (db) => countOrders(db, { buyerId: 'buyer-42' }, {})],
      ['orders: a seller\u2019s page, "has a dispute", placed in the last 90 days', (db) => listOrders(db, { sellerId: 'seller-7' }, { hasDispute: true, placedFrom: new Date(Date.now() - 90 * DAY_MS).toISOString() }, { limit: 21 })],
      ['orders: a buyer\u2019s order id prefix search', (db) => listOrders(db, { buyerId: 'buyer-42' }, { orderIdPrefix: 'order-1' }, { limit: 21 })],
      ['orders: the disputes of a page of 20 orders (one query)', (db) => disputesOfOrders(db, Array.from({ length: 20 }, (_, i) => `order-${i * 1000 + 42}`))],
      ['disputes: a seller\u2019s first page, reason NOT_RECEIVED', (db) => listDisputes(db, { sellerId: 'seller-7' }, { reasons: ['NOT_RECEIVED'] }, { limit: 21 })],
      ['disputes: an auditor\u2019s page, opened in the last 30 days', (db) => listDisputes(db, { all: true }, { openedFrom: monthAgo }, { limit: 21 })],
      ['disputes: an auditor\u2019s totalCount, opened in the last 30 days', (db) => countDisputes(db, { all: true }, { openedFrom: monthAgo })],
      ['disputes: a mediator\u2019s first page (ever escalated)', (db) => listDisputes(db, { everEscalated: true }, {}, { limit: 21 })],
      ['mediationCases: first page', (db) => readMediationQueue(db, 21, {}, null, now)],
      ['mediationCases: unclaimed and SLA breached', (db) => readMediationQueue(db, 21, { claimed: false, slaBreached: true }, null, now)],
      ['mediationCases: totalCount', (db) => countMediationQueue(db, {}, now)],
    ];
    const [version] = await dataSource.query<{ server_version: string }[]>('SHOW server_version');
    console.log(`${ROWS.toLocaleString('en')} disputes and ${ROWS.toLocaleString('en')} orders, PostgreSQL ${version.server_version}\n`);
    for (const [title, run] of cases) {
      const plans: string[] = [];
      await run(explaining(dataSource, plans));
      console.log(`#### ${title}\n\n\`\`\`\n${plans.join('\n\n')}\n\`\`\`\n`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
