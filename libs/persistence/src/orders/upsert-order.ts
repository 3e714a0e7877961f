import { DEFAULT_POLICY_LINE } from '../../../domain/src';
import type { OrderRecord } from '../order-store';
import type { Queryable } from '../queryable';

/**
 * Registers an order, or updates it: the feed replays, so the same order may come again, and a
 * later message (a delivery confirmation) updates the row. The feed's description replaces the
 * stored one, with two exceptions a replay of an older message must not undo: a confirmed
 * delivery time stays when the message gives none, and so does the placement time (first
 * registration's time when the feed never gave one).
 */
export async function upsertOrder(db: Queryable, order: OrderRecord): Promise<void> {
  await db.query(
    `INSERT INTO orders (order_id, buyer_id, seller_id, amount_paid_minor, currency, amount_refunded_minor,
                         shipped_at, delivery_deadline_at, delivered_at, lines, return_address, policy_line, title, placed_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, COALESCE($14::timestamptz, now()), now())
     ON CONFLICT (order_id) DO UPDATE SET
       buyer_id = EXCLUDED.buyer_id, seller_id = EXCLUDED.seller_id, amount_paid_minor = EXCLUDED.amount_paid_minor,
       currency = EXCLUDED.currency, amount_refunded_minor = EXCLUDED.amount_refunded_minor, shipped_at = EXCLUDED.shipped_at,
       delivery_deadline_at = EXCLUDED.delivery_deadline_at, delivered_at = COALESCE(EXCLUDED.delivered_at, orders.delivered_at),
       lines = EXCLUDED.lines, return_address = EXCLUDED.return_address, policy_line = EXCLUDED.policy_line, title = EXCLUDED.title,
       placed_at = COALESCE($14::timestamptz, orders.placed_at), updated_at = now()`,
    [
      order.orderId,
      order.buyerId,
      order.sellerId,
      order.amountPaidMinor,
      order.currency,
      order.amountRefundedMinor,
      order.shippedAt,
      order.deliveryDeadlineAt,
      order.deliveredAt,
      JSON.stringify(order.lines ?? []),
      order.returnAddress ? JSON.stringify(order.returnAddress) : null,
      order.policyLine ?? DEFAULT_POLICY_LINE,
      order.title ?? null,
      order.placedAt ?? null,
    ],
  );
}
