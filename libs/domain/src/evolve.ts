// How each event changes the dispute. Pure and total: it trusts the history (decide
// already checked every rule) and never needs anything but the event itself.
import type { DisputeEvent } from './events';
import type { DisputeState, EvidenceRecord, InformationRequestRecord, OfferRecord } from './state';
import { initialState } from './state';
import { completePolicy } from './policy';
import type { ReturnAddress, ReturnTo } from './return-address';
import { EXTENDABLE_DEADLINES } from './extensions';
import type { EvidenceItem, Party } from './types';

const withEvidence = (state: DisputeState, items: readonly EvidenceItem[], by: Party, at: string): EvidenceRecord[] =>
  items.length === 0 ? state.evidence : [...state.evidence, ...items.map((item) => ({ ...item, addedBy: by, addedAt: at }))];

const mapOffers = (offers: OfferRecord[], change: (offer: OfferRecord) => OfferRecord): OfferRecord[] => offers.map(change);

const mapRequests = (
  requests: InformationRequestRecord[],
  requestId: string,
  status: InformationRequestRecord['status'],
): InformationRequestRecord[] => requests.map((r) => (r.requestId === requestId ? { ...r, status } : r));

/** Open offers lapse when negotiation ends without agreement (escalation, withdrawal). */
const lapseOpenOffers = (offers: OfferRecord[]): OfferRecord[] =>
  offers.some((o) => o.status === 'OPEN') ? mapOffers(offers, (o) => (o.status === 'OPEN' ? { ...o, status: 'LAPSED' } : o)) : offers;

export function evolve(state: DisputeState, event: DisputeEvent): DisputeState {
  // One copy of the state per event: `apply` returns only the fields that change.
  // `apply` never sets a field to undefined, so the spread result is a whole DisputeState.
  return { ...state, ...apply(state, event), version: state.version + 1, lastEventAt: event.data.at } as DisputeState;
}

type Change = Partial<DisputeState>;

function apply(state: DisputeState, event: DisputeEvent): Change {
  switch (event.type) {
    case 'DisputeOpened': {
      const d = event.data;
      return {
        status: 'OPEN',
        disputeId: d.disputeId,
        orderId: d.orderId,
        buyerId: d.buyerId,
        sellerId: d.sellerId,
        order: d.order,
        policy: completePolicy(d.policy),
        reason: d.reason,
        subReason: d.subReason,
        description: d.description,
        openedAt: d.at,
        resolutionTargetAt: d.resolutionTargetAt,
        sellerResponseDueAt: d.sellerResponseDueAt,
        evidence: withEvidence(state, d.evidence, 'BUYER', d.at),
        ...(d.lineIds ? { lineIds: [...d.lineIds] } : {}),
      };
    }
    case 'SellerResponded':
      return {
        status: 'NEGOTIATING',
        sellerRespondedAt: event.data.at,
        negotiationDueAt: event.data.negotiationDueAt,
      };
    case 'MessagePosted':
      return { messageCount: state.messageCount + 1 };
    case 'EvidenceAdded':
      return { evidence: withEvidence(state, [event.data.evidence], event.data.addedBy, event.data.at) };
    case 'OfferMade':
      return {
        offers: [
          ...state.offers,
          { offerNumber: event.data.offerNumber, by: event.data.by, terms: event.data.terms, status: 'OPEN', madeAt: event.data.at },
        ],
      };
    case 'OfferAccepted':
      return {
        status: 'AGREED',
        outcome: { kind: event.data.terms.kind, refund: event.data.terms.amount },
        outcomeVia: 'AGREEMENT',
        offers: mapOffers(state.offers, (o) => (o.offerNumber === event.data.offerNumber ? { ...o, status: 'ACCEPTED' } : o.status === 'OPEN' ? { ...o, status: 'LAPSED' } : o)),
        // Agreeing in mediation (edition 2) ends its questions; before, no request was ever open here.
        informationRequests: closeOpenRequests(state.informationRequests),
      };
    case 'OfferRejected':
      return { offers: mapOffers(state.offers, (o) => (o.offerNumber === event.data.offerNumber ? { ...o, status: 'REJECTED' } : o)) };
    case 'OfferSuperseded':
      return { offers: mapOffers(state.offers, (o) => (o.offerNumber === event.data.offerNumber ? { ...o, status: 'SUPERSEDED' } : o)) };
    case 'DisputeEscalated':
      return {
        status: 'UNDER_MEDIATION',
        everEscalated: true,
        offers: lapseOpenOffers(state.offers),
        mediation: {
          stage: 'MEDIATION',
          reason: event.data.reason,
          mediatorId: null,
          slaDueAt: event.data.slaDueAt,
          slaBreached: false,
          startedAt: event.data.at,
        },
      };
    case 'MediatorAssigned':
      return patch(state, 'mediation', { mediatorId: event.data.mediatorId });
    case 'InformationRequested':
      return {
        informationRequests: [
          ...state.informationRequests,
          {
            requestId: event.data.requestId,
            from: event.data.from,
            question: event.data.question,
            requestedBy: event.data.mediatorId,
            dueAt: event.data.dueAt,
            status: 'OPEN',
          },
        ],
      };
    case 'InformationProvided':
      return { informationRequests: mapRequests(state.informationRequests, event.data.requestId, 'ANSWERED') };
    case 'InformationRequestExpired':
      return { informationRequests: mapRequests(state.informationRequests, event.data.requestId, 'EXPIRED') };
    case 'MediationSlaBreached':
      return patch(state, 'mediation', { slaBreached: true });
    case 'DecisionIssued': {
      const d = event.data;
      return {
        status: 'DECIDED',
        // A ruling ends the information-gathering of its round.
        informationRequests: closeOpenRequests(state.informationRequests),
        decision: {
          mediatorId: d.mediatorId,
          outcome: d.outcome,
          refund: d.refund,
          rationale: d.rationale,
          citedEvidenceIds: d.citedEvidenceIds,
          citedPolicyClauses: d.citedPolicyClauses,
          appealDueAt: d.appealDueAt,
          at: d.at,
          ...returnToOf(d),
        },
        outcome: { kind: d.outcome, refund: d.refund },
        outcomeVia: 'DECISION',
        // Offers made in mediation (edition 2) lapse with the ruling; before, none was open here.
        offers: lapseOpenOffers(state.offers),
      };
    }
    case 'AppealFiled':
      return {
        status: 'UNDER_APPEAL',
        appeal: { by: event.data.by, grounds: event.data.grounds, filedAt: event.data.at, decidedBy: null, upheld: null },
        mediation: {
          stage: 'APPEAL',
          reason: state.mediation?.reason ?? 'BUYER_REQUEST',
          mediatorId: null,
          slaDueAt: event.data.slaDueAt,
          slaBreached: false,
          startedAt: event.data.at,
        },
      };
    case 'AppealDecided':
      return {
        ...patch(state, 'appeal', { decidedBy: event.data.mediatorId, upheld: event.data.upheld }),
        informationRequests: closeOpenRequests(state.informationRequests),
        outcome: { kind: event.data.outcome, refund: event.data.refund },
        outcomeVia: 'APPEAL',
        offers: lapseOpenOffers(state.offers),
      };
    case 'ReturnRequested':
      return {
        status: 'AWAITING_RETURN',
        return: {
          status: 'AWAITING_SHIPMENT',
          shipmentDueAt: event.data.returnShipmentDueAt,
          carrier: null,
          trackingNumber: null,
          receiptDueAt: null,
          carrierCode: null,
          returnAddress: event.data.returnAddress ?? null,
          prepaidLabel: event.data.prepaidLabel ?? null,
        },
      };
    case 'ReturnShipped':
      return {
        ...patch(state, 'return', {
          status: 'IN_TRANSIT',
          carrier: event.data.carrier,
          trackingNumber: event.data.trackingNumber,
          receiptDueAt: event.data.returnReceiptDueAt,
          carrierCode: event.data.carrierCode ?? null,
        }),
        status: 'RETURN_IN_TRANSIT',
      };
    case 'ReturnReceived':
      return patch(state, 'return', { status: 'RECEIVED' });
    case 'ReturnContested':
      return patch(state, 'return', { status: 'CONTESTED' });
    case 'ReturnAbandoned':
      return patch(state, 'return', { status: 'ABANDONED' });
    case 'ReplacementRequested':
      return {
        status: 'AWAITING_REPLACEMENT',
        replacement: { status: 'AWAITING_SHIPMENT', shipmentDueAt: event.data.shipmentDueAt, carrierCode: null, carrier: null, trackingNumber: null, confirmationDueAt: null },
      };
    case 'ReplacementShipped': {
      const { carrierCode, carrier, trackingNumber, confirmationDueAt } = event.data;
      return { ...patch(state, 'replacement', { status: 'IN_TRANSIT', carrierCode, carrier, trackingNumber, confirmationDueAt }), status: 'REPLACEMENT_IN_TRANSIT' };
    }
    case 'ReplacementReceived':
      return patch(state, 'replacement', { status: 'RECEIVED' });
    case 'ReplacementDisputed':
      return patch(state, 'replacement', { status: 'DISPUTED' });
    case 'ReplacementNotShipped':
      return patch(state, 'replacement', { status: 'NOT_SHIPPED' });
    case 'RefundRequested':
      return {
        refund: {
          refundId: event.data.refundId,
          amount: event.data.amount,
          status: 'REQUESTED',
          attempts: (state.refund?.attempts ?? 0) + 1,
          failureReason: null,
        },
      };
    case 'RefundSucceeded':
      return { ...patch(state, 'refund', { status: 'SUCCEEDED' }), refundedMinor: state.refundedMinor + event.data.amount.amountMinor };
    case 'RefundFailed':
      return patch(state, 'refund', { status: 'FAILED', failureReason: event.data.failureReason });
    case 'DisputeResolved':
      return { status: 'RESOLVED', outcome: event.data.outcome, resolvedVia: event.data.via, resolvedAt: event.data.at };
    case 'DisputeWithdrawn':
      return {
        status: 'WITHDRAWN',
        withdrawnAt: event.data.at,
        // Withdrawing under appeal (edition 2) drops the decided outcome; before, none was ever set here.
        outcome: null,
        offers: lapseOpenOffers(state.offers),
        informationRequests: closeOpenRequests(state.informationRequests),
      };
    case 'DisputeClosed':
      return { status: 'CLOSED', closedAt: event.data.at };
    case 'SellerConceded':
      return {
        status: 'AGREED',
        outcome: { kind: event.data.terms.kind, refund: event.data.terms.amount },
        outcomeVia: 'CONCESSION',
        offers: lapseOpenOffers(state.offers),
        informationRequests: closeOpenRequests(state.informationRequests),
      };
    case 'MediatorReleased':
      // Open information requests stay open: the next mediator inherits them.
      return patch(state, 'mediation', { mediatorId: null });
    case 'MediatorReassigned':
      return patch(state, 'mediation', { mediatorId: event.data.toMediatorId });
    case 'DeadlineExtended':
      return {
        ...EXTENDABLE_DEADLINES[event.data.deadline].move(state, event.data.requestId, event.data.dueAt),
        deadlineExtensions: [...(state.deadlineExtensions ?? []), { ...event.data }],
      };
    case 'RefundRetryOrdered':
      return patch(state, 'refund', { retryOrderedAt: event.data.at });
    default:
      // An event type this build does not know: count it, change nothing.
      return unknownEvent(event);
  }
}

/** Requests still open when a round ends are expired, so no timer waits on them. */
function closeOpenRequests(requests: InformationRequestRecord[]): InformationRequestRecord[] {
  return requests.some((r) => r.status === 'OPEN') ? requests.map((r) => (r.status === 'OPEN' ? { ...r, status: 'EXPIRED' } : r)) : requests;
}

type Patchable = 'mediation' | 'appeal' | 'return' | 'replacement' | 'refund';

/** A ruling's return destination, only when it has one, so rulings recorded before keep their shape. */
const returnToOf = (d: { returnAddress?: ReturnAddress; prepaidLabel?: string | null }): Partial<ReturnTo> =>
  d.returnAddress ? { returnAddress: d.returnAddress, prepaidLabel: d.prepaidLabel } : {};

/** Updates a sub-record; decide never emits an event for a record that does not exist, so a miss leaves the state as is. */
function patch<K extends Patchable>(state: DisputeState, key: K, change: Partial<NonNullable<DisputeState[K]>>): Change {
  const current = state[key];
  return current ? { [key]: { ...current, ...change } } : {};
}

function unknownEvent(_event: never): Change {
  return {};
}

/**
 * evolve over a history. Pure to its callers; inside, one private working copy is updated in
 * place, because a fresh copy of the whole state per event would make replaying long
 * histories (auditors, continue-as-new) several times slower. `apply` never mutates what it
 * reads, so nothing shared with `from` is touched.
 */
export function fold(events: readonly DisputeEvent[], from: DisputeState = initialState): DisputeState {
  const state: DisputeState = { ...from };
  for (const event of events) {
    Object.assign(state, apply(state, event));
    state.version += 1;
    state.lastEventAt = event.data.at;
  }
  return state;
}
