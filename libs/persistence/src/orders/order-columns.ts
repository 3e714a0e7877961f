// The one row type of `orders` read by SQL (lists) and its mapper; the entity (OrderRow) serves
// single reads. Amount columns are bigint, which pg returns as text.
import type { OrderLine, ReturnAddress } from '../../../domain/src';
import { minorUnitsFromColumn } from '../minor-units';
import type { OrderRecord } from '../order-store';
import type { Queryable } from '../queryable';

interface OrderColumns {
  order_id: string;
  buyer_id: string;
  seller_id: string;
  amount_paid_minor: string;
  currency: string;
  amount_refunded_minor: string;
  shipped_at: Date | null;
  delivery_deadline_at: Date;
  delivered_at: Date | null;
  lines: OrderLine[];
  return_address: ReturnAddress | null;
  policy_line: string;
  title: string | null;
  placed_at: Date;
}

function recordOf(row: OrderColumns): OrderRecord {
  return {
    orderId: row.order_id,
    buyerId: row.buyer_id,
    sellerId: row.seller_id,
    amountPaidMinor: minorUnitsFromColumn(row.amount_paid_minor),
    currency: row.currency.trim(),
    amountRefundedMinor: minorUnitsFromColumn(row.amount_refunded_minor),
    shippedAt: row.shipped_at?.toISOString() ?? null,
    deliveryDeadlineAt: row.delivery_deadline_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    lines: row.lines,
    returnAddress: row.return_address,
    policyLine: row.policy_line,
    title: row.title,
    placedAt: row.placed_at.toISOString(),
  };
}

/** Order records, mapped: `SELECT <columns> FROM orders <clauses>` (the reading operation's WHERE, ORDER BY, LIMIT). */
export async function selectOrders(db: Queryable, clauses: string, parameters: unknown[]): Promise<OrderRecord[]> {
  const rows = await db.query<OrderColumns[]>(
    `SELECT order_id, buyer_id, seller_id, amount_paid_minor, currency, amount_refunded_minor, shipped_at, delivery_deadline_at,
            delivered_at, lines, return_address, policy_line, title, placed_at
       FROM orders ${clauses}`,
    parameters,
  );
  return rows.map(recordOf);
}
