import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair, type SearchAttributeUpdatePair } from '@temporalio/common';
import { pendingDeadlines, type DisputeState, type OrderFacts } from '../../domain/src';

// Registered on the dev server by scripts/temporal.sh; the names must match there.
export const DisputeStatusKey = defineSearchAttributeKey('DisputeStatus', SearchAttributeType.KEYWORD);
export const DisputeBuyerIdKey = defineSearchAttributeKey('DisputeBuyerId', SearchAttributeType.KEYWORD);
export const DisputeSellerIdKey = defineSearchAttributeKey('DisputeSellerId', SearchAttributeType.KEYWORD);
export const DisputeOrderIdKey = defineSearchAttributeKey('DisputeOrderId', SearchAttributeType.KEYWORD);
export const DisputeNextDeadlineKey = defineSearchAttributeKey('DisputeNextDeadline', SearchAttributeType.DATETIME);
export const DISPUTE_SEARCH_ATTRIBUTE_KEYS = [DisputeStatusKey, DisputeOrderIdKey, DisputeBuyerIdKey, DisputeSellerIdKey, DisputeNextDeadlineKey] as const;

/**
 * The grain of `DisputeNextDeadline` in runs under the `consolidated-patches` marker: the minute
 * the deadline falls in. The API gives a new dispute's workflow its attributes at the start, from
 * the state its own decision of the opening leads to, and the workflow then upserts only what its
 * first batch finds different; at a minute's grain the two clocks (the API's and the workflow
 * task's, a request's travel apart) agree unless a minute turns between them.
 */
export const NEXT_DEADLINE_GRAIN_MS = 60_000;

/** The search attributes operators find a dispute by (docs/architecture.md), as `state` leaves it; the next deadline at `grainMs`. */
export function disputeSearchAttributes(order: OrderFacts, state: DisputeState, grainMs: number): SearchAttributeUpdatePair[] {
  const nextDeadline = pendingDeadlines(state)[0];
  const dueAt = nextDeadline ? Date.parse(nextDeadline.dueAt) : null;
  return [
    { key: DisputeStatusKey, value: state.status },
    { key: DisputeOrderIdKey, value: order.orderId },
    { key: DisputeBuyerIdKey, value: order.buyerId },
    { key: DisputeSellerIdKey, value: order.sellerId },
    { key: DisputeNextDeadlineKey, value: dueAt === null ? null : new Date(dueAt - (dueAt % grainMs)) },
  ];
}

/** What a dispute's workflow starts with: the attributes of the state its opening leads to, as a run under `consolidated-patches` publishes them. */
export function openingSearchAttributes(order: OrderFacts, opened: DisputeState): SearchAttributePair[] {
  return disputeSearchAttributes(order, opened, NEXT_DEADLINE_GRAIN_MS).filter((pair): pair is SearchAttributePair => pair.value !== null);
}
