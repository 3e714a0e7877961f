import type { OrderRecord } from '../order-store';
import type { Queryable } from '../queryable';
import { selectOrders } from './order-columns';

/** The orders with these ids (those that exist), in one query. */
export function selectOrdersById(db: Queryable, orderIds: readonly string[]): Promise<OrderRecord[]> {
  if (orderIds.length === 0) return Promise.resolve([]);
  return selectOrders(db, 'o WHERE o.order_id = ANY($1)', [orderIds]);
}
