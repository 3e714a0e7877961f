// The rulebook's numbers. A dispute pins the whole policy object in DisputeOpened, so a
// later policy change never rewrites a running case. Durations are milliseconds (fields
// end in `Ms`) because the core does its own date arithmetic on epoch milliseconds.

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface Policy {
  /** The publisher's label for this content (e.g. a date); a new label whenever a field or clause changes. */
  version: string;
  /**
   * The policy line it was published on (policy-lines.ts) and its number within the line, set by
   * the store when the policy is read for an opening. Absent in disputes opened before policies
   * were stored (issue 14) and in policies handed in-process (tests).
   */
  line?: string;
  lineVersion?: number;
  /** Opening is allowed until this long after delivery (or the delivery deadline when undelivered). */
  openingWindowAfterDeliveryMs: number;
  /** At most this many disputes per order, withdrawn ones included. */
  maxDisputesPerOrder: number;
  sellerResponseWindowMs: number;
  /** Counted from the seller's first response. */
  negotiationWindowMs: number;
  /** Counted from escalation (and again from an appeal); breaching it only raises an alert. */
  mediationSlaMs: number;
  informationRequestDefaultMs: number;
  informationRequestMinMs: number;
  informationRequestMaxMs: number;
  appealWindowMs: number;
  returnShipmentWindowMs: number;
  returnReceiptWindowMs: number;
  /** Second edition: the seller ships an agreed replacement within this window, counted from the agreement. */
  replacementShipmentWindowMs: number;
  /** Second edition: the buyer confirms or reports a problem within this window from the seller's shipment; silence counts as receipt. */
  replacementConfirmationWindowMs: number;
  /** Reported as an SLA metric, never enforced. */
  resolutionTargetMs: number;
  maxDescriptionLength: number;
  /** Messages, rejection explanations, escalation notes, questions, answers, appeal grounds, rationales. */
  maxTextLength: number;
  maxEvidencePerParty: number;
  maxOffersPerParty: number;
  maxInformationRequestsPerParty: number;
  maxTrackingNumberLength: number;
  /** A mediator may move a deadline later by at most this much per extension. */
  maxDeadlineExtensionMs: number;
  /** And at most this many times per deadline (per information request, per mediation round, per return window). */
  maxExtensionsPerDeadline: number;
  /** Clauses a mediator's decision may cite, by id. */
  clauses: Record<string, string>;
}

export const defaultPolicy: Policy = {
  // A new version whenever a field or clause changes: the second edition added four windows and bounds and clause REP-1.
  version: '2026-12-05',
  openingWindowAfterDeliveryMs: 15 * DAY_MS,
  maxDisputesPerOrder: 2,
  sellerResponseWindowMs: 5 * DAY_MS,
  negotiationWindowMs: 7 * DAY_MS,
  mediationSlaMs: 7 * DAY_MS,
  informationRequestDefaultMs: 3 * DAY_MS,
  informationRequestMinMs: 1 * HOUR_MS,
  informationRequestMaxMs: 14 * DAY_MS,
  appealWindowMs: 7 * DAY_MS,
  returnShipmentWindowMs: 10 * DAY_MS,
  returnReceiptWindowMs: 15 * DAY_MS,
  replacementShipmentWindowMs: 7 * DAY_MS,
  replacementConfirmationWindowMs: 14 * DAY_MS,
  resolutionTargetMs: 15 * DAY_MS,
  maxDescriptionLength: 2000,
  maxTextLength: 4000,
  maxEvidencePerParty: 20,
  maxOffersPerParty: 10,
  maxInformationRequestsPerParty: 5,
  maxTrackingNumberLength: 64,
  maxDeadlineExtensionMs: 14 * DAY_MS,
  maxExtensionsPerDeadline: 2,
  clauses: {
    'NR-1': 'An item not delivered by the delivery deadline is refunded in full unless the seller proves delivery to the buyer.',
    'NR-2': 'Tracking that shows delivery to the buyer\u2019s address is proof of delivery unless the buyer shows otherwise.',
    'NAD-1': 'An item materially different from its listing is refunded in full after it is returned.',
    'NAD-2': 'A minor difference from the listing may be settled by a partial refund while the buyer keeps the item.',
    'NAD-3': 'Counterfeit items are refunded in full and need not be returned.',
    'EV-1': 'A claim without supporting evidence is decided in favour of the other party.',
    'RET-1': 'A return not shipped within the return window is abandoned and the dispute closes in the seller\u2019s favour.',
    'REP-1': 'A replacement the seller does not ship within the replacement window is refunded in full.',
    'GEN-1': 'The mediator decides on the evidence in the case file and the pinned policy.',
  },
};

/**
 * Values for the policy fields added by the rulebook's second edition, given once and never
 * changed: a policy pinned before a field existed is completed with these when its dispute is
 * folded, so replaying an old history always gives the same state. New fields go here too.
 */
export const SECOND_EDITION_POLICY_FIELDS: Readonly<Partial<Policy>> = Object.freeze({
  replacementShipmentWindowMs: 7 * DAY_MS,
  replacementConfirmationWindowMs: 14 * DAY_MS,
  maxDeadlineExtensionMs: 14 * DAY_MS,
  maxExtensionsPerDeadline: 2,
});

/** A pinned policy as the rulebook reads it: fields it predates take their second-edition values. */
export function completePolicy(pinned: Policy): Policy {
  return { ...SECOND_EDITION_POLICY_FIELDS, ...pinned } as Policy;
}
