import type { DataSource } from 'typeorm';
import type { OrderFacts, OrderLine, ReturnAddress } from '../../domain/src';
import type { DisputeProjectionRow } from './disputes/dispute-projection-row';
import { minorUnitsFromColumn } from './minor-units';
import { queryPrepared } from './prepared-statements';
import { recordFeedBatch } from './orders/order-feed-batches';
import { upsertOrder } from './orders/upsert-order';
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
  /** What the order is, in a few words, when the feed says (issue 14). */
  title?: string | null;
  /** When the order was placed (ISO-8601); as stored, the first registration's time when the feed never said. */
  placedAt?: string | null;
}

/** The answer a batch call with an idempotency key gives, kept with the orders it registers. */
export interface FeedBatchMemo {
  /** `ROLE:id:key`. */
  commandId: string;
  requestHash: string;
  answer: unknown;
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
    await upsertOrder(this.dataSource, order);
    const stored = await this.find(order.orderId);
    if (!stored) throw new Error(`order ${order.orderId} vanished after registration`);
    return stored;
  }

  /**
   * Registers a batch's accepted orders in one transaction, in the order given (a later message
   * about the same order wins). With `memo` (a call with an idempotency key), the answer is
   * recorded in the same transaction, first: a second call with the key waits on the first one's
   * row, then finds it and applies nothing (false), so a key's batch is applied at most once.
   */
  async registerAll(orders: readonly OrderRecord[], memo: FeedBatchMemo | null = null): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (memo && !(await recordFeedBatch(manager, memo.commandId, memo.requestHash, memo.answer))) return false;
      for (const order of orders) await upsertOrder(manager, order);
      return true;
    });
  }

  async find(orderId: string): Promise<OrderRecord | null> {
    const row = await this.dataSource.getRepository(OrderRow).findOneBy({ orderId });
    return row ? toRecord(row) : null;
  }

  /**
   * The order with its dispute history, in one round trip: an opening needs both, and this read
   * is on its path (it used to be two statements, the first through the entity manager).
   */
  async findWithDisputeHistory(orderId: string): Promise<{ order: OrderRecord; history: OrderDisputeHistory } | null> {
    const [row] = await queryPrepared<(OrderRow & { disputes: { disputeId: string; status: string }[] })[]>(
      this.dataSource,
      `SELECT o.order_id AS "orderId", o.buyer_id AS "buyerId", o.seller_id AS "sellerId", o.amount_paid_minor AS "amountPaidMinor",
              o.currency, o.amount_refunded_minor AS "amountRefundedMinor", o.lines, o.shipped_at AS "shippedAt",
              o.delivery_deadline_at AS "deliveryDeadlineAt", o.delivered_at AS "deliveredAt", o.return_address AS "returnAddress",
              o.policy_line AS "policyLine", o.title, o.placed_at AS "placedAt",
              COALESCE((SELECT json_agg(json_build_object('disputeId', d.dispute_id, 'status', d.status) ORDER BY d.opened_at DESC)
                          FROM disputes d WHERE d.order_id = o.order_id), '[]'::json) AS disputes
         FROM orders o WHERE o.order_id = $1`,
      [orderId],
    );
    if (!row) return null;
    const order = toRecord({ ...row, amountPaidMinor: minorUnitsFromColumn(row.amountPaidMinor), amountRefundedMinor: minorUnitsFromColumn(row.amountRefundedMinor) });
    return { order, history: disputeHistoryOf(row.disputes) };
  }
}

/** An order's dispute history from its disputes, latest opening first (findWithDisputeHistory, disputesOfOrders). */
export function disputeHistoryOf(disputes: readonly Pick<DisputeProjectionRow, 'disputeId' | 'status'>[]): OrderDisputeHistory {
  const active = disputes.find((dispute) => dispute.status !== 'WITHDRAWN');
  return { disputesOpened: disputes.length, activeDisputeId: active?.disputeId ?? null };
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
    title: row.title,
    placedAt: row.placedAt.toISOString(),
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
