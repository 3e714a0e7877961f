import type { OrderLine } from '../libs/domain/src';
import type { OrderRecord } from '../libs/persistence/src';

export { DEMO_ACCOUNTS } from '../libs/platform/src/dev-accounts';

const DAY = 24 * 60 * 60 * 1000;

/** A line of a demo order: one SKU, its title, how many and at what unit price, nothing refunded. */
const line = (lineId: string, sku: string, title: string, quantity: number, unitPriceMinor: number, currency: string): OrderLine => ({
  lineId,
  sku,
  title,
  quantity,
  unitPrice: { amountMinor: unitPriceMinor, currency },
  refundedMinor: 0,
});

/**
 * Orders placed relative to `now`, so the seed stays inside the dispute windows whenever it runs.
 * Each has a title and lines as a shop's order feed would send them (My Orders shows both); the
 * lines add up to the amount paid, shipping included as a line where there is one.
 */
export function demoOrders(now: number): OrderRecord[] {
  const at = (offsetDays: number) => new Date(now + offsetDays * DAY).toISOString();
  return [
    {
      orderId: 'order-1001',
      buyerId: 'buyer-alice',
      sellerId: 'seller-acme',
      amountPaidMinor: 4999,
      currency: 'EUR',
      amountRefundedMinor: 0,
      title: 'Wireless noise-cancelling headphones',
      lines: [line('1001-1', 'ACME-HP-300-BLK', 'Wireless noise-cancelling headphones, black', 1, 4499, 'EUR'), line('1001-2', 'SHIP-STD-EU', 'Standard shipping', 1, 500, 'EUR')],
      placedAt: at(-8),
      shippedAt: at(-6),
      deliveryDeadlineAt: at(4),
      deliveredAt: null,
    },
    {
      orderId: 'order-1002',
      buyerId: 'buyer-alice',
      sellerId: 'seller-globex',
      amountPaidMinor: 12900,
      currency: 'EUR',
      amountRefundedMinor: 0,
      title: 'Espresso machine and two cups',
      lines: [line('1002-1', 'GLX-ESP-15BAR', 'Espresso machine, 15 bar, stainless steel', 1, 11900, 'EUR'), line('1002-2', 'GLX-CUP-DBL', 'Double-walled espresso cup', 2, 500, 'EUR')],
      placedAt: at(-14),
      shippedAt: at(-12),
      deliveryDeadlineAt: at(-2),
      deliveredAt: at(-3),
    },
    {
      orderId: 'order-1003',
      buyerId: 'buyer-bob',
      sellerId: 'seller-acme',
      amountPaidMinor: 2599,
      currency: 'USD',
      amountRefundedMinor: 0,
      title: 'USB-C charging cables (3-pack)',
      lines: [line('1003-1', 'ACME-USBC-2M-3PK', 'USB-C to USB-C cable, 2 m, pack of 3', 1, 1999, 'USD'), line('1003-2', 'SHIP-STD-US', 'Standard shipping', 1, 600, 'USD')],
      placedAt: at(-3),
      shippedAt: at(-2),
      deliveryDeadlineAt: at(12),
      deliveredAt: null,
    },
    {
      orderId: 'order-1004',
      buyerId: 'buyer-bob',
      sellerId: 'seller-globex',
      amountPaidMinor: 89900,
      currency: 'USD',
      amountRefundedMinor: 0,
      title: '27-inch 4K monitor',
      lines: [line('1004-1', 'GLX-MON-27-4K', '27-inch 4K IPS monitor with stand', 1, 89900, 'USD')],
      placedAt: at(-1),
      shippedAt: null,
      deliveryDeadlineAt: at(20),
      deliveredAt: null,
    },
    {
      orderId: 'order-1005',
      buyerId: 'buyer-alice',
      sellerId: 'seller-acme',
      amountPaidMinor: 1500,
      currency: 'EUR',
      amountRefundedMinor: 0,
      title: 'Phone case, clear',
      lines: [line('1005-1', 'ACME-CASE-CLR-6', 'Clear phone case, 6.1-inch', 1, 1500, 'EUR')],
      placedAt: at(-62),
      shippedAt: at(-60),
      deliveryDeadlineAt: at(-45),
      deliveredAt: at(-44),
    },
  ];
}
