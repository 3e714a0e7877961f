import type { OrderLine as DomainOrderLine } from '../../../../libs/domain/src';
import type { OrderLine } from './order.types';

/** Lines as the Order and Dispute types show them: what was refunded on a line is Money too. */
export const toOrderLines = (lines: readonly DomainOrderLine[]): OrderLine[] =>
  lines.map((line) => ({ ...line, unitPrice: { ...line.unitPrice }, refunded: { amountMinor: line.refundedMinor, currency: line.unitPrice.currency } }));
