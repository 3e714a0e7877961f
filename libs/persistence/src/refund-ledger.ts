import type { DataSource } from 'typeorm';
import { formatMoney } from '../../domain/src';
import type { RefundOutcome, RefundRequest } from '../../contracts/src/activities';
import { minorUnitsFromColumn } from './minor-units';

/**
 * The refund port. A payment provider adapter implements the same interface; transient
 * failures throw (the activity retries them), a definite refusal is a DECLINED outcome.
 */
export interface RefundGateway {
  refund(request: RefundRequest): Promise<RefundOutcome>;
}

/** Default adapter: records refunds in PostgreSQL and keeps the order's refunded total in step. */
export class PostgresRefundLedger implements RefundGateway {
  constructor(private readonly dataSource: DataSource) {}

  refund(request: RefundRequest): Promise<RefundOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [order] = await manager.query(
        'SELECT amount_paid_minor::bigint AS paid, amount_refunded_minor::bigint AS refunded, currency FROM orders WHERE order_id = $1 FOR UPDATE',
        [request.orderId],
      );
      const [existing] = await manager.query('SELECT status, provider_reference, failure_reason FROM refunds WHERE refund_id = $1', [request.refundId]);
      if (existing) {
        return existing.status === 'SUCCEEDED'
          ? { status: 'SUCCEEDED' as const, providerReference: existing.provider_reference as string }
          : { status: 'DECLINED' as const, reason: existing.failure_reason as string };
      }
      const reason = !order
        ? `Order ${request.orderId} is unknown to the ledger.`
        : order.currency.trim() !== request.currency
          ? `The refund currency ${request.currency} differs from the order currency ${order.currency.trim()}.`
          : minorUnitsFromColumn(order.refunded) + request.amountMinor > minorUnitsFromColumn(order.paid)
            ? `Refunding ${formatMoney(request.amountMinor, request.currency)} would exceed the ${formatMoney(minorUnitsFromColumn(order.paid) - minorUnitsFromColumn(order.refunded), request.currency)} still refundable on the order.`
            : null;
      if (reason) {
        await manager.query(
          `INSERT INTO refunds (refund_id, dispute_id, order_id, amount_minor, currency, status, failure_reason) VALUES ($1, $2, $3, $4, $5, 'DECLINED', $6)`,
          [request.refundId, request.disputeId, request.orderId, request.amountMinor, request.currency, reason],
        );
        return { status: 'DECLINED' as const, reason };
      }
      const providerReference = `ledger:${request.refundId}`;
      await manager.query(
        `INSERT INTO refunds (refund_id, dispute_id, order_id, amount_minor, currency, status, provider_reference) VALUES ($1, $2, $3, $4, $5, 'SUCCEEDED', $6)`,
        [request.refundId, request.disputeId, request.orderId, request.amountMinor, request.currency, providerReference],
      );
      await manager.query('UPDATE orders SET amount_refunded_minor = amount_refunded_minor + $2, updated_at = now() WHERE order_id = $1', [request.orderId, request.amountMinor]);
      return { status: 'SUCCEEDED' as const, providerReference };
    });
  }
}
