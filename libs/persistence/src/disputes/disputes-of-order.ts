import type { Queryable } from '../queryable';
import type { DisputeProjectionRow } from './dispute-projection-row';

/** The id and status of every dispute opened on an order, latest first (what the rules ask of an order's earlier disputes). */
export async function disputesOfOrder(db: Queryable, orderId: string): Promise<Pick<DisputeProjectionRow, 'disputeId' | 'status'>[]> {
  const rows = await db.query<{ dispute_id: string; status: string }[]>('SELECT dispute_id, status FROM disputes WHERE order_id = $1 ORDER BY opened_at DESC', [orderId]);
  return rows.map((row) => ({ disputeId: row.dispute_id, status: row.status }));
}
