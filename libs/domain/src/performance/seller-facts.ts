// What seller performance needs to know about one dispute, as its folded state has it. The
// append writes these facts beside the `disputes` projection in the same transaction, and
// audit:rebuild derives them from the events through the same fold: one function, so the
// live facts and the rebuilt ones cannot drift apart.
import type { OutcomeKind } from '../events';
import type { SentState } from '../pinned-policy';
import type { Money } from '../types';

export interface SellerDisputeFacts {
  disputeId: string;
  sellerId: string;
  orderId: string;
  /** The state's version the facts reflect (a late retry must not roll them back). */
  version: number;
  openedAt: string;
  sellerResponseDueAt: string;
  /** When the seller first answered (SellerResponded); null while they have not. */
  firstResponseAt: string | null;
  /** Ever escalated to mediation (by anyone, for any reason). */
  escalated: boolean;
  /** The outcome the dispute resolved with (DisputeResolved); null until then. */
  outcomeKind: OutcomeKind | null;
  resolvedAt: string | null;
  /** The policy's resolution target, fixed at opening (15 days by default). */
  resolutionTargetAt: string;
  withdrawnAt: string | null;
  /** Money that reached the buyer: the refund that succeeded, in its currency; null when none did. */
  refunded: Money | null;
}

/** The facts of a dispute's state; null for a state before DisputeOpened. */
export function sellerDisputeFactsOf(state: SentState): SellerDisputeFacts | null {
  if (state.status === 'NONE' || state.disputeId === null || state.openedAt === null) return null;
  return {
    disputeId: state.disputeId,
    sellerId: state.sellerId ?? '',
    orderId: state.orderId ?? '',
    version: state.version,
    openedAt: state.openedAt,
    sellerResponseDueAt: state.sellerResponseDueAt ?? state.openedAt,
    firstResponseAt: state.sellerRespondedAt,
    escalated: state.everEscalated,
    outcomeKind: state.outcome !== null && state.resolvedAt !== null ? state.outcome.kind : null,
    resolvedAt: state.resolvedAt,
    resolutionTargetAt: state.resolutionTargetAt ?? state.openedAt,
    withdrawnAt: state.withdrawnAt,
    refunded: state.refund?.status === 'SUCCEEDED' ? { amountMinor: state.refund.amount.amountMinor, currency: state.refund.amount.currency } : null,
  };
}
