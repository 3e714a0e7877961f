import type { DataSource } from 'typeorm';
import { createDataSource } from '../../libs/persistence/src';
import { TEST_DATABASE_URL } from './environment';

export async function openTestDataSource(poolSize = 5): Promise<DataSource> {
  const dataSource = createDataSource(TEST_DATABASE_URL, poolSize, 'disputes-test');
  await dataSource.initialize();
  return dataSource;
}

export interface StoredEventRow {
  sequence: number;
  type: string;
  command_id: string | null;
  previous_hash: string;
  hash: string;
}

export async function eventsOf(dataSource: DataSource, disputeId: string): Promise<StoredEventRow[]> {
  return dataSource.query('SELECT sequence, type, command_id, previous_hash, hash FROM dispute_events WHERE dispute_id = $1 ORDER BY sequence', [disputeId]);
}

/** Events and projection rows touching one order: what a refused command must leave at zero. */
export async function recordsForOrder(dataSource: DataSource, orderId: string): Promise<{ disputes: number; events: number }> {
  const [row] = await dataSource.query(
    `SELECT (SELECT count(*) FROM disputes WHERE order_id = $1)::int AS disputes,
            (SELECT count(*) FROM dispute_events
              WHERE payload->>'orderId' = $1 OR dispute_id IN (SELECT dispute_id FROM disputes WHERE order_id = $1))::int AS events`,
    [orderId],
  );
  return row;
}
