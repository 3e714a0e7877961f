// "Can I open a dispute on this order?": the answer My Orders shows beside the Open Dispute
// button. It is openDispute's own guard asked ahead of time (openingRefusal), so the button and
// the command can never disagree; this file only adds the numbers a page shows with it.
import { CURRENT_RULEBOOK, type RulebookEdition } from './decide/context';
import { openingRefusal, protectionEndsAt } from './decide/open-dispute';
import type { Policy } from './policy';
import { initialState } from './state';
import { formatIso, parseIso } from './time';
import type { Actor, OrderFacts, Rejection } from './types';

export interface DisputeEligibility {
  canOpen: boolean;
  /** Why not: the code and sentence openDispute would answer with; null when it can be opened. */
  reason: Rejection | null;
  /** When the protection window closes (ISO-8601); null when the order gives no valid delivery deadline. */
  opensUntil: string | null;
  /** How many more disputes the policy allows on this order (withdrawn ones count). */
  disputesLeft: number;
}

export interface EligibilityInput {
  actor: Actor;
  /** The order with its dispute history (orderFacts), or null when there is none the actor may see. */
  order: OrderFacts | null;
  /** The policy an opening would pin now. */
  policy: Policy;
  /** ISO-8601 UTC. */
  now: string;
  rulebook?: RulebookEdition;
}

/** Whether `actor` could open a dispute on `order` now, decided by openDispute's rule. */
export function disputeEligibility({ actor, order, policy, now, rulebook = CURRENT_RULEBOOK }: EligibilityInput): DisputeEligibility {
  const nowMs = parseIso(now);
  if (nowMs === null) throw new Error(`disputeEligibility: now must be an ISO-8601 time, got ${now}`);
  // An opening goes to the order's next dispute id, which has no history yet: the initial state.
  const reason = openingRefusal({ state: initialState, actor, order, policy, now: { iso: formatIso(nowMs), ms: nowMs }, rulebook });
  return {
    canOpen: reason === null,
    reason,
    opensUntil: order ? protectionEndsAt(order.deliveredAt, order.deliveryDeadlineAt, policy.openingWindowAfterDeliveryMs) : null,
    disputesLeft: order ? Math.max(0, policy.maxDisputesPerOrder - order.disputesOpened) : 0,
  };
}
