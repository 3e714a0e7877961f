import { createHash, randomUUID } from 'node:crypto';
import type { OrderRecord } from '../../libs/persistence/src';

const DAY = 24 * 60 * 60 * 1000;

/** Where the order feed says a test seller takes returns. */
export const RETURN_ADDRESS = { name: 'Acme Returns', line1: '1 Harbour Street', line2: null, city: 'Hamburg', region: null, postalCode: '20457', countryCode: 'DE' };

/** A shipped, undelivered order of a fresh buyer and seller, inside the dispute window. */
export function anOrder(overrides: Partial<OrderRecord> = {}): OrderRecord {
  const suffix = randomUUID().slice(0, 8);
  const now = Date.now();
  return {
    orderId: `order-${suffix}`,
    buyerId: `buyer-${suffix}`,
    sellerId: `seller-${suffix}`,
    amountPaidMinor: 4999,
    currency: 'EUR',
    amountRefundedMinor: 0,
    shippedAt: new Date(now - 3 * DAY).toISOString(),
    deliveryDeadlineAt: new Date(now + 5 * DAY).toISOString(),
    deliveredAt: null,
    returnAddress: RETURN_ADDRESS,
    ...overrides,
  };
}

export const sha256Of = (text: string): string => createHash('sha256').update(text).digest('hex');
