import type { DataSource } from 'typeorm';
import { DEFAULT_POLICY_LINE, type OrderFacts, type OrderLine, type ReturnAddress } from '../../domain/src';
import { disputesOfOrder } from './disputes/disputes-of-order';
import { OrderRow } from './entities/order.entity';

export interface OrderRecord {
  orderId: string;
  buyerId: string;
  sellerId: string;
  amountPaidMinor: number;
  currency: string;
  amountRefundedMinor: number;
  shippedAt: string | null;
  deliveryDeadlineAt: string;
  deliveredAt: string | null;
  /** The feed's lines; none when it gave none (always a list when read back). */
  lines?: OrderLine[];
  /** Where returns go, when the feed says (second edition); optional so records from before still type. */
  returnAddress?: ReturnAddress | null;
  /** The policy line whose current version a dispute on this order pins; `default` when the feed names none (always set when read back). */
  policyLine?: string;
}

/** What the dispute rules need to know about an order's earlier disputes. */
export interface OrderDisputeHistory {
  disputesOpened: number;
  /** The latest dispute on the order that was not withdrawn: a decided or closed case still blocks a new one. */
  activeDisputeId: string | null;
}

export class OrderStore {
  constructor(private readonly dataSource: DataSource) {}

  async register(order: OrderRecord): Promise<OrderRecord> {
    await this.dataSource.query(
      `INSERT INTO orders (order_id, buyer_id, seller_id, amount_paid_minor, currency, amount_refunded_minor,
                           shipped_at, delivery_deadline_at, delivered_at, lines, return_address, policy_line, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, now())
       ON CONFLICT (order_id) DO UPDATE SET
         buyer_id = EXCLUDED.buyer_id, seller_id = EXCLUDED.seller_id, amount_paid_minor = EXCLUDED.amount_paid_minor,
         currency = EXCLUDED.currency, amount_refunded_minor = EXCLUDED.amount_refunded_minor, shipped_at = EXCLUDED.shipped_at,
         delivery_deadline_at = EXCLUDED.delivery_deadline_at, delivered_at = EXCLUDED.delivered_at, lines = EXCLUDED.lines,
         return_address = EXCLUDED.return_address, policy_line = EXCLUDED.policy_line, updated_at = now()`,
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
      ],
    );
    const stored = await this.find(order.orderId);
    if (!stored) throw new Error(`order ${order.orderId} vanished after registration`);
    return stored;
  }

  async find(orderId: string): Promise<OrderRecord | null> {
    const row = await this.dataSource.getRepository(OrderRow).findOneBy({ orderId });
    return row ? toRecord(row) : null;
  }

  async disputeHistory(orderId: string): Promise<OrderDisputeHistory> {
    const disputes = await disputesOfOrder(this.dataSource, orderId);
    const active = disputes.find((dispute) => dispute.status !== 'WITHDRAWN');
    return { disputesOpened: disputes.length, activeDisputeId: active?.disputeId ?? null };
  }
}

function toRecord(row: OrderRow): OrderRecord {
  return {
    orderId: row.orderId,
    buyerId: row.buyerId,
    sellerId: row.sellerId,
    amountPaidMinor: row.amountPaidMinor,
    currency: row.currency.trim(),
    amountRefundedMinor: row.amountRefundedMinor,
    shippedAt: row.shippedAt?.toISOString() ?? null,
    deliveryDeadlineAt: row.deliveryDeadlineAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    lines: row.lines,
    returnAddress: row.returnAddress,
    policyLine: row.policyLine,
  };
}

/** The order as the dispute rules see it: the feed's record plus the order's earlier disputes. */
export function orderFacts(order: OrderRecord, history: OrderDisputeHistory = { disputesOpened: 0, activeDisputeId: null }): OrderFacts {
  return {
    orderId: order.orderId,
    buyerId: order.buyerId,
    sellerId: order.sellerId,
    amountPaid: { amountMinor: order.amountPaidMinor, currency: order.currency },
    amountRefundedMinor: order.amountRefundedMinor,
    shippedAt: order.shippedAt,
    deliveryDeadlineAt: order.deliveryDeadlineAt,
    deliveredAt: order.deliveredAt,
    disputesOpened: history.disputesOpened,
    activeDisputeId: history.activeDisputeId,
    // Only when there are some, so the snapshot of an order without lines keeps its old shape.
    ...(order.lines && order.lines.length > 0 ? { lines: order.lines } : {}),
    // Only when known, so an order without one pins the same facts as before addresses existed.
    ...(order.returnAddress ? { returnAddress: order.returnAddress } : {}),
  };
}
