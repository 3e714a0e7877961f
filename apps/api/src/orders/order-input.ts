import { readReturnAddress } from '../../../../libs/domain/src';
import type { OrderRecord } from '../../../../libs/persistence/src';
import { ApiError } from '../graphql/errors';
import { isStorableTime } from '../graphql/times';
import type { RegisterOrderInput } from './order.types';

const ID_PATTERN = /^[\w.:-]{1,128}$/;

/** Checks an order from the feed before it is stored; the first problem found is reported. */
export function parseOrderInput(input: RegisterOrderInput): OrderRecord {
  for (const field of ['orderId', 'buyerId', 'sellerId'] as const) {
    if (!ID_PATTERN.test(input[field])) {
      throw new ApiError('VALIDATION', `${field} must be 1 to 128 letters, digits or ._:- characters.`, field);
    }
  }
  if (input.buyerId === input.sellerId) throw new ApiError('VALIDATION', 'The buyer and the seller must be different accounts.', 'sellerId');
  if (!Number.isSafeInteger(input.amountPaid.amountMinor) || input.amountPaid.amountMinor <= 0) {
    throw new ApiError('VALIDATION', 'The amount paid must be a positive whole number of minor units.', 'amountPaid.amountMinor');
  }
  if (!/^[A-Z]{3}$/.test(input.amountPaid.currency)) {
    throw new ApiError('VALIDATION', 'The currency must be a three-letter ISO-4217 code such as EUR.', 'amountPaid.currency');
  }
  if (!Number.isSafeInteger(input.amountRefundedMinor) || input.amountRefundedMinor < 0 || input.amountRefundedMinor > input.amountPaid.amountMinor) {
    throw new ApiError('VALIDATION', 'The amount already refunded must be between 0 and the amount paid.', 'amountRefundedMinor');
  }
  // The address is the dispute rules' value: one reader for the feed, the seller and the mediator.
  const returnAddress = input.returnAddress ? readReturnAddress(input.returnAddress, 'returnAddress') : null;
  if (returnAddress && !returnAddress.ok) throw new ApiError('VALIDATION', returnAddress.rejection.message, returnAddress.rejection.field);
  return {
    orderId: input.orderId,
    buyerId: input.buyerId,
    sellerId: input.sellerId,
    amountPaidMinor: input.amountPaid.amountMinor,
    currency: input.amountPaid.currency,
    amountRefundedMinor: input.amountRefundedMinor,
    shippedAt: isoOrNull(input.shippedAt, 'shippedAt'),
    deliveryDeadlineAt: isoOrNull(input.deliveryDeadlineAt, 'deliveryDeadlineAt') as string,
    deliveredAt: isoOrNull(input.deliveredAt, 'deliveredAt'),
    returnAddress: returnAddress?.value ?? null,
  };
}

function isoOrNull(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : NaN;
  if (!isStorableTime(time)) throw new ApiError('VALIDATION', `${field} must be an ISO-8601 time with a zone between the years 1 and 9999, e.g. 2026-11-27T10:00:00Z.`, field);
  return new Date(time).toISOString();
}
