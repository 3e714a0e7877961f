import type { Rejection } from '../../../../libs/domain/src';
import { DEFAULT_POLICY_LINE, isPolicyLine, POLICY_LINE_RULE, readCurrency, readOrderLines, readReturnAddress } from '../../../../libs/domain/src';
import type { OrderRecord } from '../../../../libs/persistence/src';
import { ApiError, rejectionError } from '../graphql/errors';
import { amountField, moneyOf } from '../graphql/money.types';
import { isStorableTime } from '../graphql/times';
import type { RegisterOrderInput } from './order.types';

const ID_PATTERN = /^[\w.:-]{1,128}$/;

/** Whether `value` is an id the feed can have registered (order, buyer and seller ids). */
export const isFeedId = (value: string): boolean => ID_PATTERN.test(value);

const orRefuse = <T>(checked: { ok: true; value: T } | { ok: false; rejection: Rejection }): T => {
  if (!checked.ok) throw rejectionError(checked.rejection);
  return checked.value;
};

/** Checks an order from the feed before it is stored; the first problem found is reported. Currency and line rules are the domain's. */
export function parseOrderInput(input: RegisterOrderInput): OrderRecord {
  for (const field of ['orderId', 'buyerId', 'sellerId'] as const) {
    if (!ID_PATTERN.test(input[field])) {
      throw new ApiError('VALIDATION', `${field} must be 1 to 128 letters, digits or ._:- characters.`, field);
    }
  }
  if (input.buyerId === input.sellerId) throw new ApiError('VALIDATION', 'The buyer and the seller must be different accounts.', 'sellerId');
  const paid = moneyOf(input.amountPaid, 'amountPaid');
  if (!Number.isSafeInteger(paid.amountMinor) || paid.amountMinor <= 0) {
    throw new ApiError('VALIDATION', 'The amount paid must be a positive whole number of minor units.', amountField(input.amountPaid, 'amountPaid'));
  }
  const currency = orRefuse(readCurrency(paid.currency, 'amountPaid.currency'));
  const refunded = refundedOf(input);
  if (!Number.isSafeInteger(refunded) || refunded < 0 || refunded > paid.amountMinor) {
    throw new ApiError('VALIDATION', 'The amount already refunded must be between 0 and the amount paid.', 'amountRefundedMinorUnits');
  }
  const lines = (input.lines ?? []).map((line, i) => ({
    lineId: line.lineId,
    sku: line.sku,
    title: line.title,
    quantity: line.quantity,
    unitPrice: moneyOf(line.unitPrice, `lines[${i}].unitPrice`),
    refundedMinor: line.refundedMinorUnits ?? 0,
  }));
  // The address is the dispute rules' value: one reader for the feed, the seller and the mediator.
  const returnAddress = input.returnAddress ? readReturnAddress(input.returnAddress, 'returnAddress') : null;
  if (returnAddress && !returnAddress.ok) throw new ApiError('VALIDATION', returnAddress.rejection.message, returnAddress.rejection.field);
  const policyLine = input.policyLine ?? DEFAULT_POLICY_LINE;
  if (!isPolicyLine(policyLine)) throw new ApiError('VALIDATION', `policyLine "${policyLine}" is not a policy line id: ${POLICY_LINE_RULE}.`, 'policyLine');
  const title = input.title ?? null;
  if (title !== null && (title.trim().length === 0 || title.length > 500)) throw new ApiError('VALIDATION', 'The title must be 1 to 500 characters and not blank.', 'title');
  return {
    orderId: input.orderId,
    buyerId: input.buyerId,
    sellerId: input.sellerId,
    amountPaidMinor: paid.amountMinor,
    currency,
    amountRefundedMinor: refunded,
    shippedAt: isoOrNull(input.shippedAt, 'shippedAt'),
    deliveryDeadlineAt: isoOrNull(input.deliveryDeadlineAt, 'deliveryDeadlineAt') as string,
    deliveredAt: isoOrNull(input.deliveredAt, 'deliveredAt'),
    lines: orRefuse(readOrderLines(lines, 'lines', paid.amountMinor, currency)),
    returnAddress: returnAddress?.value ?? null,
    policyLine,
    title,
    placedAt: isoOrNull(input.placedAt, 'placedAt'),
  };
}

/** The amount already refunded, given at most once; neither means nothing was. */
function refundedOf(input: RegisterOrderInput): number {
  const given = [input.amountRefundedMinorUnits, input.amountRefundedMinor].filter((value) => value !== null && value !== undefined);
  if (given.length > 1) throw new ApiError('VALIDATION', 'Give the amount already refunded once: amountRefundedMinorUnits, or the deprecated amountRefundedMinor, not both.', 'amountRefundedMinorUnits');
  return (given[0] as number | undefined) ?? 0;
}

function isoOrNull(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : NaN;
  if (!isStorableTime(time)) throw new ApiError('VALIDATION', `${field} must be an ISO-8601 time with a zone between the years 1 and 9999, e.g. 2026-11-27T10:00:00Z.`, field);
  return new Date(time).toISOString();
}
