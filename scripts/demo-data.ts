import type { OrderRecord } from '../libs/persistence/src';

export { DEMO_ACCOUNTS } from '../libs/platform/src/dev-accounts';

const DAY = 24 * 60 * 60 * 1000;

/** Orders placed relative to `now`, so the seed stays inside the dispute windows whenever it runs. */
export function demoOrders(now: number): OrderRecord[] {
  const at = (offsetDays: number) => new Date(now + offsetDays * DAY).toISOString();
  return [
    { orderId: 'order-1001', buyerId: 'buyer-alice', sellerId: 'seller-acme', amountPaidMinor: 4999, currency: 'EUR', amountRefundedMinor: 0, shippedAt: at(-6), deliveryDeadlineAt: at(4), deliveredAt: null },
    { orderId: 'order-1002', buyerId: 'buyer-alice', sellerId: 'seller-globex', amountPaidMinor: 12900, currency: 'EUR', amountRefundedMinor: 0, shippedAt: at(-12), deliveryDeadlineAt: at(-2), deliveredAt: at(-3) },
    { orderId: 'order-1003', buyerId: 'buyer-bob', sellerId: 'seller-acme', amountPaidMinor: 2599, currency: 'USD', amountRefundedMinor: 0, shippedAt: at(-2), deliveryDeadlineAt: at(12), deliveredAt: null },
    { orderId: 'order-1004', buyerId: 'buyer-bob', sellerId: 'seller-globex', amountPaidMinor: 89900, currency: 'USD', amountRefundedMinor: 0, shippedAt: null, deliveryDeadlineAt: at(20), deliveredAt: null },
    { orderId: 'order-1005', buyerId: 'buyer-alice', sellerId: 'seller-acme', amountPaidMinor: 1500, currency: 'EUR', amountRefundedMinor: 0, shippedAt: at(-60), deliveryDeadlineAt: at(-45), deliveredAt: at(-44) },
  ];
}
