import { createDataSource, migrate, OrderStore } from '../libs/persistence/src';
import { loadConfigOrExit } from '../libs/platform/src';
import { DEMO_ACCOUNTS, demoOrders } from './demo-data';

/** Applies migrations and registers the demo orders (idempotent: orders are upserted). */
export async function seed(databaseUrl: string): Promise<number> {
  await migrate(databaseUrl);
  const dataSource = createDataSource(databaseUrl, 2, 'disputes-seed');
  await dataSource.initialize();
  try {
    const orders = new OrderStore(dataSource);
    const records = demoOrders(Date.now());
    for (const order of records) await orders.register(order);
    return records.length;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const config = loadConfigOrExit();
  seed(config.database.url)
    .then((count) => {
      console.log(`Seeded ${count} demo orders. Demo accounts: ${DEMO_ACCOUNTS.map((a) => `${a.role}:${a.id}${a.lead ? ' (lead)' : ''}`).join(', ')}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
