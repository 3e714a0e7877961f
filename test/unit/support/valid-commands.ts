// For property tests: given a state, an actor and a moment, the canonical well-formed command of
// each type — the one decide should accept whenever availableActions lists the type. It knows
// the rules only as a client would (reading the state), not the guards.
import type { Actor, DecisionData, DisputeCommand, DisputeCommandType, DisputeState, OfferTerms, Party } from '../../../libs/domain/src';
import { addMs, parseIso, pendingDeadlines, refundableMinor } from '../../../libs/domain/src';
import { extendableDeadlines } from '../../../libs/domain/src/extensions';
import { openData, order, photo } from './fixtures';

/** Deterministic choice source: `pick(n)` returns 0..n-1 from the seed list, cycling. */
export class Choices {
  private i = 0;
  constructor(private readonly seeds: readonly number[]) {}
  pick(n: number): number {
    if (n <= 1 || this.seeds.length === 0) return 0;
    return this.seeds[this.i++ % this.seeds.length] % n;
  }
}

let counter = 0;
/** Ids and file hashes never seen before in any run. */
const fresh = () => ++counter;

const partyOf = (state: DisputeState, actor: Actor): Party | null =>
  actor.role === 'BUYER' && actor.id === state.buyerId ? 'BUYER' : actor.role === 'SELLER' && actor.id === state.sellerId ? 'SELLER' : null;

function terms(state: DisputeState, c: Choices): OfferTerms {
  const refundable = state.order ? refundableMinor(state.order) : 0;
  const kinds: OfferTerms['kind'][] = ['REPLACEMENT'];
  if (refundable > 0) kinds.push('FULL_REFUND', 'PARTIAL_REFUND');
  // Once a contested return brought the item back (edition 2 allows offers in that mediation), no offer asks for another return.
  if (refundable > 0 && state.reason === 'NOT_AS_DESCRIBED' && state.return?.status !== 'CONTESTED') kinds.push('RETURN_AND_REFUND');
  const kind = kinds[c.pick(kinds.length)];
  return kind === 'PARTIAL_REFUND' ? { kind, amount: { amountMinor: 1 + c.pick(refundable), currency: order.amountPaid.currency } } : { kind };
}

function ruling(state: DisputeState, c: Choices): DecisionData {
  const refundable = state.order ? refundableMinor(state.order) : 0;
  const outcomes: DecisionData['outcome'][] = ['NO_REFUND'];
  if (refundable > 0) outcomes.push('FULL_REFUND', 'PARTIAL_REFUND');
  if (refundable > 0 && state.reason === 'NOT_AS_DESCRIBED' && state.return?.status !== 'CONTESTED') outcomes.push('RETURN_AND_REFUND');
  const outcome = outcomes[c.pick(outcomes.length)];
  const clauses = Object.keys(state.policy?.clauses ?? {});
  const cited = state.evidence.filter(() => c.pick(2) === 0).map((e) => e.evidenceId);
  return {
    outcome,
    ...(outcome === 'PARTIAL_REFUND' ? { amount: { amountMinor: 1 + c.pick(refundable), currency: order.amountPaid.currency } } : {}),
    rationale: 'On the evidence.',
    citedEvidenceIds: cited,
    citedPolicyClauses: [clauses[c.pick(clauses.length)]],
  };
}

export function validCommand(type: DisputeCommandType, state: DisputeState, actor: Actor, nowIso: string, c: Choices): DisputeCommand {
  const party = partyOf(state, actor) ?? 'BUYER';
  const other: Party = party === 'BUYER' ? 'SELLER' : 'BUYER';
  const evidenceLeft = (p: Party) => (state.policy?.maxEvidencePerParty ?? 20) - state.evidence.filter((e) => e.addedBy === p).length;
  const n = fresh();
  const make = (data: unknown) => ({ type, actor, data }) as DisputeCommand;
  switch (type) {
    case 'OpenDispute': {
      const reason = c.pick(2) === 0 ? 'NOT_RECEIVED' : 'NOT_AS_DESCRIBED';
      const opened = { ...state, reason, order } as DisputeState;
      return make(openData({ disputeId: 'dispute-p', reason, subReason: undefined, evidence: [photo(n)], requestedResolution: terms(opened, c) }));
    }
    case 'RespondToDispute': {
      const choice = c.pick(3);
      if (choice === 1) return make({ response: 'COUNTER_OFFER', offer: terms(state, c) });
      if (choice === 2 && evidenceLeft('SELLER') > 0) return make({ response: 'REJECT', explanation: 'Not so.', evidence: [photo(n)] });
      return make({ response: 'ACCEPT_REQUEST' });
    }
    case 'PostMessage':
      return make({ messageId: `m-${n}`, body: 'Hello.' });
    case 'AddEvidence':
      return make({ evidence: [photo(n)] });
    case 'MakeOffer':
      return make({ terms: terms(state, c) });
    case 'AcceptOffer':
    case 'RejectOffer': {
      const open = state.offers.filter((o) => o.by === other && o.status === 'OPEN');
      return make({ offerNumber: open.length > 0 ? open[open.length - 1].offerNumber : 1 });
    }
    case 'EscalateDispute':
      return make({ note: 'Please step in.' });
    case 'WithdrawDispute':
    case 'ClaimCase':
    case 'ConfirmReturnReceived':
    case 'ConfirmReplacementReceived':
    case 'ReplacementShipmentWindowElapsed':
    case 'ReplacementConfirmationWindowElapsed':
    case 'SellerResponseWindowElapsed':
    case 'NegotiationWindowElapsed':
    case 'MediationSlaElapsed':
    case 'AppealWindowElapsed':
    case 'ReturnShipmentWindowElapsed':
    case 'ReturnReceiptWindowElapsed':
      return make({});
    case 'RequestInformation': {
      const askable = (['BUYER', 'SELLER'] as const).filter(
        (p) =>
          !state.informationRequests.some((r) => r.from === p && r.status === 'OPEN') &&
          state.informationRequests.filter((r) => r.from === p).length < (state.policy?.maxInformationRequestsPerParty ?? 5),
      );
      const from = askable.length > 0 ? askable[c.pick(askable.length)] : 'BUYER';
      const custom = c.pick(2) === 0;
      return make({ requestId: `rq-${n}`, from, question: 'Why?', ...(custom ? { dueAt: addMs(nowIso, (1 + c.pick(10)) * 86_400_000) } : {}) });
    }
    case 'AnswerInformationRequest': {
      const request = state.informationRequests.find((r) => r.from === party && r.status === 'OPEN');
      return make({ requestId: request?.requestId ?? 'rq-none', answer: 'Because.', ...(evidenceLeft(party) > 0 && c.pick(2) === 0 ? { evidence: [photo(n)] } : {}) });
    }
    case 'IssueDecision':
    case 'DecideAppeal':
      return make(ruling(state, c));
    case 'FileAppeal':
      return make({ grounds: 'New facts.' });
    case 'MarkReturnShipped':
    case 'MarkReplacementShipped':
      return make({ carrierCode: 'DHL', trackingNumber: `TRK${String(n).padStart(8, '0')}` });
    case 'ReportReplacementProblem':
      return make({ explanation: 'The replacement is broken too.', evidence: [photo(n)] });
    case 'ContestReturn':
      return make({ explanation: 'Wrong item came back.', evidence: [photo(n)] });
    case 'RequestRefund':
      return make({ refundId: `refund-${n}` });
    case 'RecordRefundSucceeded':
      return make({ refundId: state.refund?.refundId ?? 'refund-none', providerReference: `re_${n}` });
    case 'RecordRefundFailed':
      return make({ refundId: state.refund?.refundId ?? 'refund-none', failureReason: 'Declined.' });
    case 'ConcedeDispute':
      // AS_REQUESTED always applies; FULL_REFUND needs something left to refund.
      return make({ remedy: state.order && refundableMinor(state.order) > 0 && c.pick(2) === 0 ? 'FULL_REFUND' : 'AS_REQUESTED', message: 'You are right.' });
    case 'ReleaseCase':
      return make({ reason: 'Conflict of interest.' });
    case 'ReassignCase':
      return make({ mediatorId: `mediator-${n}`, reason: 'Workload.' });
    case 'ExtendDeadline': {
      const now = parseIso(nowIso) ?? 0;
      const open = extendableDeadlines(state, state.policy?.maxExtensionsPerDeadline ?? 2).filter((d) => now < (parseIso(d.dueAt) ?? 0));
      const d = open[c.pick(open.length)] ?? pendingDeadlines(state)[0];
      const requestId = d?.command.type === 'InformationRequestElapsed' ? d.command.data.requestId : undefined;
      return make({ deadline: d?.kind ?? 'MEDIATION_SLA', ...(requestId ? { requestId } : {}), dueAt: addMs(d?.dueAt ?? nowIso, (1 + c.pick(14)) * 86_400_000), reason: 'The courier is on strike.' });
    }
    case 'RetryRefund':
      return make({ reason: 'The card was replaced.' });
    case 'InformationRequestElapsed': {
      const open = state.informationRequests.filter((r) => r.status === 'OPEN').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      return make({ requestId: open[0]?.requestId ?? 'rq-none' });
    }
  }
}
