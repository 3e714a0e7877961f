// Money rules: integer minor units in the order's currency, never above what is still refundable.
import type { OrderFacts } from './types';

/** What may still be refunded on the order as pinned at opening; never negative even if the feed says otherwise. */
export function refundableMinor(order: OrderFacts): number {
  return Math.max(0, order.amountPaid.amountMinor - order.amountRefundedMinor);
}

/** 1234 EUR -> "12.34 EUR" for sentences (amounts there are never negative); currencies without minor units are rare enough to ignore here. */
export function formatMoney(amountMinor: number, currency: string): string {
  return `${Math.floor(amountMinor / 100)}.${String(amountMinor % 100).padStart(2, '0')} ${currency}`;
}
