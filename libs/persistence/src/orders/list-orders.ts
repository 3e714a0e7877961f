import type { OrderRecord } from '../order-store';
import type { Queryable } from '../queryable';
import { selectOrders } from './order-columns';

/** The orders a list may hold at all: a buyer's purchases or a seller's sales (decided by the caller from the reader's rights). */
export type OrderScope = { buyerId: string } | { sellerId: string };

/** Narrows a list of orders; empty values narrow nothing. Times are ISO-8601 instants. */
export interface OrderListFilter {
  /** The start of the order id (a prefix search). */
  orderIdPrefix?: string | null;
  /** Placed at or after. */
  placedFrom?: string | null;
  /** Placed before. */
  placedBefore?: string | null;
  /** true: only orders with a dispute; false: only those without. */
  hasDispute?: boolean | null;
}

export interface OrderListPage {
  /** The last order of the previous page: the list continues after it. */
  after?: { placedAt: string; orderId: string } | null;
  limit: number;
}

/** Escapes LIKE's wildcards: an order id may hold `_` (and `\`), which must match themselves. */
const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE clause shared by the list and its count, so the two always agree. */
export function orderConditions(scope: OrderScope, filter: OrderListFilter, parameters: unknown[]): string[] {
  const param = (value: unknown) => `$${parameters.push(value)}`;
  const where: string[] = [];
  if ('buyerId' in scope) where.push(`o.buyer_id = ${param(scope.buyerId)}`);
  if ('sellerId' in scope) where.push(`o.seller_id = ${param(scope.sellerId)}`);
  if (filter.orderIdPrefix) where.push(`o.order_id LIKE ${param(likePrefix(filter.orderIdPrefix))}`);
  if (filter.placedFrom) where.push(`o.placed_at >= ${param(filter.placedFrom)}::timestamptz`);
  if (filter.placedBefore) where.push(`o.placed_at < ${param(filter.placedBefore)}::timestamptz`);
  if (filter.hasDispute === true) where.push(`EXISTS (SELECT 1 FROM disputes d WHERE d.order_id = o.order_id)`);
  if (filter.hasDispute === false) where.push(`NOT EXISTS (SELECT 1 FROM disputes d WHERE d.order_id = o.order_id)`);
  return where;
}

/** Orders in the scope that match the filter, newest placement first (ties by id, so pages never overlap). */
export function listOrders(db: Queryable, scope: OrderScope, filter: OrderListFilter, page: OrderListPage): Promise<OrderRecord[]> {
  const parameters: unknown[] = [];
  const where = orderConditions(scope, filter, parameters);
  const param = (value: unknown) => `$${parameters.push(value)}`;
  if (page.after) where.push(`(o.placed_at, o.order_id) < (${param(page.after.placedAt)}::timestamptz, ${param(page.after.orderId)})`);
  return selectOrders(db, `o WHERE ${where.join(' AND ')} ORDER BY o.placed_at DESC, o.order_id DESC LIMIT ${param(page.limit)}`, parameters);
}
