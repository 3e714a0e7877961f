import { randomUUID } from 'node:crypto';
import { graphql, tokenFor } from '../../support/api';
import { RETURN_ADDRESS } from '../../support/fixtures';

const DAY = 24 * 60 * 60 * 1000;
export const daysFromNow = (days: number): string => new Date(Date.now() + days * DAY).toISOString();

export interface FeedOrder {
  orderId: string;
  title?: string;
  amountMinor: number;
  currency: string;
  placedAt: string;
  shippedAt: string | null;
  deliveryDeadlineAt: string;
  deliveredAt?: string | null;
  lines?: { lineId: string; sku: string; title: string; quantity: number; unitPriceMinor: number }[];
}

/** Registers orders for one buyer as the marketplace's order feed does (SYSTEM, over HTTP). */
export async function registerFeedOrders(url: string, buyerId: string, orders: FeedOrder[]): Promise<void> {
  const system = await tokenFor('SYSTEM', 'order-feed');
  for (const order of orders) {
    const response = await graphql(
      url,
      'mutation Register($input: RegisterOrderInput!) { registerOrder(input: $input) { id } }',
      {
        input: {
          orderId: order.orderId,
          buyerId,
          sellerId: 'seller-acme',
          amountPaid: { minorUnits: String(order.amountMinor), currency: order.currency },
          placedAt: order.placedAt,
          shippedAt: order.shippedAt,
          deliveryDeadlineAt: order.deliveryDeadlineAt,
          deliveredAt: order.deliveredAt ?? null,
          returnAddress: RETURN_ADDRESS,
          ...(order.title ? { title: order.title } : {}),
          ...(order.lines
            ? { lines: order.lines.map(({ unitPriceMinor, ...line }) => ({ ...line, unitPrice: { minorUnits: String(unitPriceMinor), currency: order.currency } })) }
            : {}),
        },
      },
      system,
    );
    if (response.errors) throw new Error(`order ${order.orderId} not registered: ${JSON.stringify(response.errors)}`);
  }
}

/** A buyer nobody else's suite uses, so My Orders holds exactly the orders a test registers. */
export const freshBuyer = (): string => `buyer-${randomUUID().slice(0, 8)}`;
