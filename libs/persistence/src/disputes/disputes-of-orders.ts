import type { Queryable } from '../queryable';
import { selectProjections, type DisputeProjectionRow } from './dispute-projection-row';

/** Every dispute opened on these orders, latest opening first: one query for a page of orders (their disputes and their history). */
export function disputesOfOrders(db: Queryable, orderIds: readonly string[]): Promise<DisputeProjectionRow[]> {
  if (orderIds.length === 0) return Promise.resolve([]);
  return selectProjections(db, 'WHERE order_id = ANY($1) ORDER BY opened_at DESC, dispute_id DESC', [orderIds]);
}
