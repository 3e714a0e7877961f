// OpenDispute: the buyer files a dispute on their own order within the protection window.
import type { DisputeEvent } from '../events';
import { isKnownCurrency } from '../currencies';
import { readLineIds } from '../order-lines';
import type { Checked } from '../result';
import { accept, refuse, rejection, valid } from '../result';
import type { OrderFacts, Rejection, Reason, SubReason } from '../types';
import { SUB_REASONS } from '../types';
import { addMs, humanTime, parseIso } from '../time';
import { dataOf, readEnum, readEvidence, readId, readTerms, readText } from '../validate';
import { offeredTerms } from './return-destination';
import type { Handler, GuardInput } from './context';
import { roleIn } from './guards';
import { citationRules, known, termsRulesFor } from './common';

const REASONS: readonly Reason[] = ['NOT_RECEIVED', 'NOT_AS_DESCRIBED'];
const ORDER_NOT_FOUND = 'No order with this id was found among your orders.';

/** What the opening rule reads: everything a guard gets but the cited files. */
export type OpeningInput = Pick<GuardInput, 'state' | 'actor' | 'order' | 'policy' | 'now' | 'rulebook'>;

/**
 * The opening rule: role, whose order, one active dispute at a time, at most so many per order,
 * shipped, inside the protection window, a known currency. openDispute's guard is this function,
 * and disputeEligibility (My Orders' "Open Dispute" button) asks it too, so the two never differ.
 */
export function openingRefusal({ state, actor, order, policy, now, rulebook }: OpeningInput): Rejection | null {
  const role = roleIn(actor, ['BUYER'], 'open a dispute');
  if (role) return role;
  // Someone else's order looks exactly like a missing one.
  if (order === null || order.buyerId !== actor.id) return rejection('NOT_FOUND', ORDER_NOT_FOUND, 'orderId');
  if (state.status !== 'NONE') return rejection('CONFLICT', 'A dispute with this id already exists.', 'disputeId');
  if (order.activeDisputeId !== null) {
    return rejection('CONFLICT', 'This order already has an open dispute; continue that one instead.', 'orderId');
  }
  if (order.disputesOpened >= policy.maxDisputesPerOrder) {
    return rejection('CONFLICT', `An order can have at most ${policy.maxDisputesPerOrder} disputes, and this one has had them.`, 'orderId');
  }
  const shipped = parseIso(order.shippedAt);
  if (shipped === null || now.ms < shipped) {
    return rejection('INVALID_STATE', 'The order has not shipped yet, so a dispute cannot be opened; contact the seller or cancel the order.', 'orderId');
  }
  const closesAt = protectionEndsAt(order.deliveredAt, order.deliveryDeadlineAt, policy.openingWindowAfterDeliveryMs);
  if (closesAt === null) return rejection('VALIDATION', 'The order has no valid delivery deadline.', 'orderId');
  if (now.ms >= (parseIso(closesAt) ?? 0)) {
    return rejection('DEADLINE_PASSED', `The protection window for this order closed at ${humanTime(closesAt)}.`, 'orderId');
  }
  return unknownCurrency(order, rulebook);
}

const guard = (input: GuardInput): Rejection | null => openingRefusal(input);

/**
 * Second edition: an order paid in a code ISO 4217 does not list cannot be disputed, since its
 * amounts have no known units; the marketplace must correct the order. The first edition opened it.
 */
function unknownCurrency(order: OrderFacts, rulebook: GuardInput['rulebook']): Rejection | null {
  if (rulebook < 2 || isKnownCurrency(order.amountPaid.currency)) return null;
  return rejection('VALIDATION', 'This order\u2019s currency is not an ISO 4217 code, so its amounts cannot be refunded; ask the marketplace to correct the order.', 'orderId');
}

/** Second edition: the order lines the dispute covers. The first edition ignored the field, so it covered the whole order. */
function coveredLines(value: unknown, order: OrderFacts, rulebook: GuardInput['rulebook']): Checked<string[] | null> {
  return rulebook >= 2 ? readLineIds(value, 'lineIds', order.lines ?? []) : valid(null);
}

/** Opening is allowed until the window after delivery confirmation (or the delivery deadline when unconfirmed). */
export function protectionEndsAt(deliveredAt: string | null, deliveryDeadlineAt: string, windowMs: number): string | null {
  const from = parseIso(deliveredAt) !== null ? deliveredAt : deliveryDeadlineAt;
  return from !== null && parseIso(from) !== null ? addMs(from, windowMs) : null;
}

export const openDispute: Handler<'OpenDispute'> = {
  guard,
  decide(command, input) {
    const { actor, policy, now } = input;
    const order = known(input.order, 'the order');
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const d = data.value;
    const disputeId = readId(d.disputeId, 'disputeId', 'dispute id');
    if (!disputeId.ok) return refuse(disputeId.rejection);
    if (d.orderId !== order.orderId) return refuse(rejection('NOT_FOUND', ORDER_NOT_FOUND, 'orderId'));
    const reason = readEnum(d.reason, REASONS, 'reason', 'reason');
    if (!reason.ok) return refuse(reason.rejection);
    let subReason: SubReason | null = null;
    if (d.subReason !== undefined && d.subReason !== null) {
      const sub = readEnum(d.subReason, SUB_REASONS[reason.value], 'subReason', `sub-reason for ${reason.value}`);
      if (!sub.ok) return refuse(sub.rejection);
      subReason = sub.value;
    }
    const description = readText(d.description, 'description', 'description', policy.maxDescriptionLength);
    if (!description.ok) return refuse(description.rejection);
    const evidence = readEvidence(d.evidence ?? [], 'evidence', {
      min: reason.value === 'NOT_AS_DESCRIBED' ? 1 : 0,
      existing: [],
      limit: policy.maxEvidencePerParty,
      remaining: policy.maxEvidencePerParty,
      what: 'A "not as described" dispute',
      ...citationRules(input),
    });
    if (!evidence.ok) return refuse(evidence.rejection);
    const lineIds = coveredLines(d.lineIds, order, input.rulebook);
    if (!lineIds.ok) return refuse(lineIds.rejection);
    const terms = readTerms(d.requestedResolution, 'requestedResolution', termsRulesFor(reason.value, order, lineIds.value));
    if (!terms.ok) return refuse(terms.rejection);
    const request = offeredTerms(terms.value, d.requestedResolution, 'requestedResolution', 'BUYER', input);
    if (!request.ok) return refuse(request.rejection);
    const events: DisputeEvent[] = [
      {
        type: 'DisputeOpened',
        data: {
          disputeId: disputeId.value,
          orderId: order.orderId,
          buyerId: order.buyerId,
          sellerId: order.sellerId,
          order: pinnedOrder(order),
          policy: { ...policy, clauses: { ...policy.clauses } },
          reason: reason.value,
          subReason,
          description: description.value,
          evidence: evidence.value,
          requestedResolution: terms.value,
          sellerResponseDueAt: addMs(now.iso, policy.sellerResponseWindowMs),
          resolutionTargetAt: addMs(now.iso, policy.resolutionTargetMs),
          at: now.iso,
          ...(lineIds.value ? { lineIds: lineIds.value } : {}),
        },
      },
      // The buyer's requested resolution is offer #1, so the ledger has one shape from the start.
      { type: 'OfferMade', data: { offerNumber: 1, by: 'BUYER', actorId: actor.id, terms: terms.value, at: now.iso } },
    ];
    return accept(events);
  },
};

/** A copy of the order to pin; lines appear only when the feed gave some, so snapshots of orders without lines keep their shape. */
function pinnedOrder(order: OrderFacts): OrderFacts {
  const { lines, ...facts } = order;
  const copy: OrderFacts = { ...facts, amountPaid: { ...order.amountPaid } };
  return lines && lines.length > 0 ? { ...copy, lines: lines.map((line) => ({ ...line, unitPrice: { ...line.unitPrice } })) } : copy;
}
