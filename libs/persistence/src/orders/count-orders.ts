import type { Queryable } from '../queryable';
import { orderConditions, type OrderListFilter, type OrderScope } from './list-orders';

/** How many orders the list holds in all (an index range of one buyer's or seller's orders). */
export async function countOrders(db: Queryable, scope: OrderScope, filter: OrderListFilter): Promise<number> {
  const parameters: unknown[] = [];
  const where = orderConditions(scope, filter, parameters);
  const [row] = await db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM orders o WHERE ${where.join(' AND ')}`, parameters);
  return row.total;
}
