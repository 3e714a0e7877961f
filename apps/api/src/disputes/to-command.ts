import { randomUUID } from 'node:crypto';
import type { DisputeCommand, EvidenceRef, OfferTerms, RespondToDisputeData, ShipmentData } from '../../../../libs/domain/src';
import type { ReturnAddressInput } from '../orders/return-address.types';
import type { Viewer } from '../auth/viewer';
import { moneyOf } from '../graphql/money.types';
import type * as In from './command.inputs';
import type { EvidenceInput, OpenDisputeInput, ResolutionInput } from './open-dispute.input';

// GraphQL input → domain command, field for field. No rule lives here: every check is the
// domain's decide, run by the workflow's Update validator.

/** Drops null and undefined members: the domain treats a missing optional as "not given". */
function present<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== null && member !== undefined)) as { [K in keyof T]: Exclude<T[K], null> };
}

export const evidenceRefs = (items: readonly EvidenceInput[]): EvidenceRef[] =>
  items.map((item) => present({ evidenceId: item.evidenceId, sha256: item.sha256, kind: item.kind, description: item.description }) as EvidenceRef);

/** `field` is where the terms sit in the input, for an amount given twice or not at all. */
export const offerTerms = (terms: ResolutionInput, field: string): OfferTerms =>
  present({ kind: terms.kind, amount: terms.amount ? moneyOf(terms.amount, `${field}.amount`) : undefined, returnAddress: address(terms.returnAddress), prepaidLabel: terms.prepaidLabel }) as OfferTerms;

const address = (input: ReturnAddressInput | null | undefined) => (input ? present({ ...input }) : undefined);
/** Where an accepted or ruled return goes, when the sender named it. */
const returnChoice = (input: In.ReturnChoiceInput) => ({ returnAddress: address(input.returnAddress), prepaidLabel: input.prepaidLabel });
const shipment = (input: In.ShipmentInput) =>
  present({ carrierCode: input.carrierCode, carrierName: input.carrierName, carrier: input.carrier, trackingNumber: input.trackingNumber }) as ShipmentData;

const optionalEvidence = (items: readonly EvidenceInput[] | null | undefined) => (items ? evidenceRefs(items) : undefined);

/** The command `actor` sends with `input` to the dispute `disputeId` (settled before it is built). */
export type Builder<I> = (input: I, actor: Viewer, disputeId: string) => DisputeCommand;

export const toCommand = {
  // The only command that names its dispute: the id comes from the order (dispute-opening.ts).
  openDispute: ((input, actor, disputeId) => ({
    type: 'OpenDispute',
    actor,
    data: present({
      disputeId,
      orderId: input.orderId,
      reason: input.reason,
      subReason: input.subReason,
      description: input.description,
      evidence: evidenceRefs(input.evidence),
      requestedResolution: offerTerms(input.requestedResolution, 'requestedResolution'),
      lineIds: input.lineIds,
    }),
  })) as Builder<OpenDisputeInput>,
  // Every field given is passed on; the domain decides which the chosen response needs.
  respondToDispute: ((input, actor) => ({
    type: 'RespondToDispute',
    actor,
    data: present({
      response: input.response,
      offer: input.offer ? offerTerms(input.offer, 'offer') : undefined,
      message: input.message,
      explanation: input.explanation,
      evidence: optionalEvidence(input.evidence),
      ...returnChoice(input),
    }) as RespondToDisputeData,
  })) as Builder<In.RespondToDisputeInput>,
  postMessage: ((input, actor) => ({ type: 'PostMessage', actor, data: { messageId: randomUUID(), body: input.body } })) as Builder<In.PostMessageInput>,
  addEvidence: ((input, actor) => ({ type: 'AddEvidence', actor, data: { evidence: evidenceRefs(input.evidence) } })) as Builder<In.AddEvidenceInput>,
  makeOffer: ((input, actor) => ({ type: 'MakeOffer', actor, data: { terms: offerTerms(input.terms, 'terms') } })) as Builder<In.MakeOfferInput>,
  acceptOffer: ((input, actor) => ({ type: 'AcceptOffer', actor, data: present({ offerNumber: input.offerNumber, ...returnChoice(input) }) })) as Builder<In.AcceptOfferInput>,
  rejectOffer: ((input, actor) => ({ type: 'RejectOffer', actor, data: present({ offerNumber: input.offerNumber, reason: input.reason }) })) as Builder<In.RejectOfferInput>,
  escalateDispute: ((input, actor) => ({ type: 'EscalateDispute', actor, data: { note: input.note } })) as Builder<In.EscalateDisputeInput>,
  withdrawDispute: ((input, actor) => ({ type: 'WithdrawDispute', actor, data: present({ reason: input.reason }) })) as Builder<In.WithdrawDisputeInput>,
  claimCase: ((_input, actor) => ({ type: 'ClaimCase', actor, data: {} })) as Builder<In.ClaimCaseInput>,
  requestInformation: ((input, actor) => ({
    type: 'RequestInformation',
    actor,
    data: present({ requestId: `info-${randomUUID()}`, from: input.from, question: input.question, dueAt: input.dueAt }),
  })) as Builder<In.RequestInformationInput>,
  answerInformationRequest: ((input, actor) => ({
    type: 'AnswerInformationRequest',
    actor,
    data: present({ requestId: input.requestId, answer: input.answer, evidence: optionalEvidence(input.evidence) }),
  })) as Builder<In.AnswerInformationRequestInput>,
  issueDecision: ((input, actor) => ({ type: 'IssueDecision', actor, data: ruling(input) })) as Builder<In.IssueDecisionInput>,
  fileAppeal: ((input, actor) => ({ type: 'FileAppeal', actor, data: present({ grounds: input.grounds, evidence: optionalEvidence(input.evidence) }) })) as Builder<In.FileAppealInput>,
  decideAppeal: ((input, actor) => ({ type: 'DecideAppeal', actor, data: ruling(input) })) as Builder<In.DecideAppealInput>,
  markReturnShipped: ((input, actor) => ({ type: 'MarkReturnShipped', actor, data: shipment(input) })) as Builder<In.MarkReturnShippedInput>,
  confirmReturnReceived: ((_input, actor) => ({ type: 'ConfirmReturnReceived', actor, data: {} })) as Builder<In.ConfirmReturnReceivedInput>,
  contestReturn: ((input, actor) => ({ type: 'ContestReturn', actor, data: { explanation: input.explanation, evidence: evidenceRefs(input.evidence) } })) as Builder<In.ContestReturnInput>,
  markReplacementShipped: ((input, actor) => ({ type: 'MarkReplacementShipped', actor, data: shipment(input) })) as Builder<In.MarkReplacementShippedInput>,
  confirmReplacementReceived: ((_input, actor) => ({ type: 'ConfirmReplacementReceived', actor, data: {} })) as Builder<In.ConfirmReplacementReceivedInput>,
  reportReplacementProblem: ((input, actor) => ({
    type: 'ReportReplacementProblem',
    actor,
    data: { explanation: input.explanation, evidence: evidenceRefs(input.evidence) },
  })) as Builder<In.ReportReplacementProblemInput>,
  concedeDispute: ((input, actor) => ({ type: 'ConcedeDispute', actor, data: present({ remedy: input.remedy, message: input.message, ...returnChoice(input) }) })) as Builder<In.ConcedeDisputeInput>,
  releaseCase: ((input, actor) => ({ type: 'ReleaseCase', actor, data: { reason: input.reason } })) as Builder<In.ReleaseCaseInput>,
  reassignCase: ((input, actor) => ({ type: 'ReassignCase', actor, data: { mediatorId: input.mediatorId, reason: input.reason } })) as Builder<In.ReassignCaseInput>,
  extendDeadline: ((input, actor) => ({
    type: 'ExtendDeadline',
    actor,
    data: present({ deadline: input.deadline, requestId: input.requestId, dueAt: input.dueAt, reason: input.reason }),
  })) as Builder<In.ExtendDeadlineInput>,
  retryRefund: ((input, actor) => ({ type: 'RetryRefund', actor, data: { reason: input.reason } })) as Builder<In.RetryRefundInput>,
};

function ruling(input: In.DecisionInput) {
  return present({
    outcome: input.outcome,
    amount: input.amount ? moneyOf(input.amount, 'amount') : undefined,
    rationale: input.rationale,
    citedEvidenceIds: input.citedEvidenceIds,
    citedPolicyClauses: input.citedPolicyClauses,
    ...returnChoice(input),
  });
}
