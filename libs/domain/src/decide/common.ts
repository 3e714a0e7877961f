// Rules several handlers share: which statuses let the parties talk, evidence quotas,
// the offers ledger, and how a fixed outcome is carried out.
import type { DisputeEvent, EscalationReason, Outcome, ResolutionRoute } from '../events';
import { refundableCeiling } from '../money';
import { rejection } from '../result';
import type { ReturnTo } from '../return-address';
import type { DisputeState, DisputeStatus, OfferRecord } from '../state';
import { addMs } from '../time';
import type { Actor, EvidenceItem, OrderFacts, Party, Reason, Rejection } from '../types';
import type { EvidenceRules, TermsRules } from '../validate';
import { dataOf, readEvidence, readText } from '../validate';
import type { Checked } from '../result';
import type { GuardInput } from './context';

/** While the case is live and the outcome not yet executed, the parties may talk and add evidence. */
export const PARTIES_ACTIVE: readonly DisputeStatus[] = [
  'OPEN',
  'NEGOTIATING',
  'UNDER_MEDIATION',
  'DECIDED',
  'UNDER_APPEAL',
  'AWAITING_RETURN',
  'RETURN_IN_TRANSIT',
  'AWAITING_REPLACEMENT',
  'REPLACEMENT_IN_TRANSIT',
];
export const IN_MEDIATION: readonly DisputeStatus[] = ['UNDER_MEDIATION', 'UNDER_APPEAL'];

export function evidenceRemaining(state: DisputeState, party: Party, policy: GuardInput['policy']): number {
  let used = 0;
  for (const e of state.evidence) if (e.addedBy === party) used++;
  return Math.max(0, policy.maxEvidencePerParty - used);
}

export function evidenceRules(input: GuardInput, party: Party, min: number, what: string): EvidenceRules {
  return {
    min,
    existing: input.state.evidence,
    limit: input.policy.maxEvidencePerParty,
    remaining: evidenceRemaining(input.state, party, input.policy),
    what,
    ...citationRules(input),
  };
}

/** Whose uploads may be cited, and the catalog's facts to check them against. */
export const citationRules = (input: GuardInput): Pick<EvidenceRules, 'author' | 'files' | 'unchecked'> => ({
  author: input.actor,
  files: input.evidenceFiles,
  unchecked: input.uncheckedCitations,
});

export function evidenceEvents(items: readonly EvidenceItem[], party: Party, actor: Actor, at: string): DisputeEvent[] {
  return items.map((evidence) => ({ type: 'EvidenceAdded', data: { evidence, addedBy: party, actorId: actor.id, at } }));
}

export function openOfferOf(state: DisputeState, party: Party): OfferRecord | null {
  for (let i = state.offers.length - 1; i >= 0; i--) {
    const offer = state.offers[i];
    if (offer.by === party && offer.status === 'OPEN') return offer;
  }
  return null;
}

/** Limits for offers and rulings, from the order snapshot pinned at opening and the lines the dispute covers. */
export function termsRules(state: DisputeState): TermsRules {
  return termsRulesFor(known(state.reason, 'the reason'), known(state.order, 'the order snapshot'), state.lineIds);
}

/** The ceiling itself is money.ts's refundableCeiling; this names where it lies for the sentences. */
export function termsRulesFor(reason: Reason, order: OrderFacts, lineIds: readonly string[] | null | undefined): TermsRules {
  return {
    reason,
    refundableMinor: refundableCeiling(order, lineIds),
    currency: order.amountPaid.currency,
    scope: lineIds && lineIds.length > 0 ? 'on the order lines this dispute covers' : 'on this order',
  };
}

/** The party a buyer or seller acts for; handlers call it only after the guard admitted a party. */
export const sideOf = (actor: Actor): Party => (actor.role === 'SELLER' ? 'SELLER' : 'BUYER');

/**
 * For values the guard already proved present (the decision under appeal, the outcome to carry
 * out). A miss means the history itself is inconsistent, never that the input was bad.
 */
export function known<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`Inconsistent dispute state: ${what} is missing.`);
  return value;
}

/** FORBIDDEN unless the actor is the mediator currently holding the case. */
export function assignedMediator(state: DisputeState, actor: Actor, action: string): Rejection | null {
  return state.mediation?.mediatorId === actor.id ? null : rejection('FORBIDDEN', `Only the mediator assigned to this case may ${action}.`);
}

/**
 * The appeal rule: during the APPEAL stage the case never goes (by claim or reassignment) to
 * the mediator whose decision is under appeal.
 */
export function decidedUnderAppeal(state: DisputeState, mediatorId: string, field?: string): Rejection | null {
  return state.status === 'UNDER_APPEAL' && state.decision?.mediatorId === mediatorId
    ? rejection('FORBIDDEN', 'An appeal must be decided by a different mediator than the one who decided the case.', field)
    : null;
}

/** Which route fixed the current outcome, for the resolution event. */
export function routeOf(state: DisputeState): ResolutionRoute {
  // Recorded since edition 2 (an agreement or concession may follow a decision); the rest is how
  // states folded before it are read, and gives the same route for every first-edition history.
  if (state.outcomeVia) return state.outcomeVia;
  if (state.appeal?.decidedBy) return 'APPEAL';
  return state.decision ? 'DECISION' : 'AGREEMENT';
}

/**
 * Carries out a fixed outcome: a return first when the item must come back (to `returnTo`, which
 * the command resolved; else the order's address), and from the second edition a replacement
 * first when the seller reships; otherwise the dispute is resolved, and closed at once when no
 * money has to move.
 */
export function settle(outcome: Outcome, via: ResolutionRoute, state: DisputeState, input: GuardInput, returnTo: ReturnTo | null = null): DisputeEvent[] {
  const at = input.now.iso;
  if (outcome.kind === 'RETURN_AND_REFUND' && outcome.refund) {
    // The first edition knew no addresses: its ReturnRequested stays exactly as it was.
    const to = input.rulebook >= 2 ? (returnTo ?? orderReturnTo(state)) : null;
    return [{ type: 'ReturnRequested', data: { refund: outcome.refund, returnShipmentDueAt: addMs(at, input.policy.returnShipmentWindowMs), ...to, at } }];
  }
  if (outcome.kind === 'REPLACEMENT' && input.rulebook >= 2) {
    return [{ type: 'ReplacementRequested', data: { shipmentDueAt: addMs(at, input.policy.replacementShipmentWindowMs), at } }];
  }
  return resolve(outcome, via, state, at);
}

/** The order's own return address, for a return no command named one for (a ruling recorded before addresses, made final by its timer). */
function orderReturnTo(state: DisputeState): ReturnTo | null {
  const address = state.order?.returnAddress;
  return address ? { returnAddress: address, prepaidLabel: null } : null;
}

export function resolve(outcome: Outcome, via: ResolutionRoute, state: DisputeState, at: string): DisputeEvent[] {
  const resolved: DisputeEvent = { type: 'DisputeResolved', data: { outcome, via, at } };
  if (outcome.refund && outcome.refund.amountMinor > 0) return [resolved];
  return [resolved, { type: 'DisputeClosed', data: { refundedMinor: state.refundedMinor, at } }];
}

/** The case goes (back) to mediation: a fresh round with the pinned SLA, whoever or whatever sent it there. */
export function escalated(reason: EscalationReason, by: Actor, note: string | null, { now, policy }: GuardInput): DisputeEvent {
  return { type: 'DisputeEscalated', data: { reason, by: { role: by.role, id: by.id }, note, slaDueAt: addMs(now.iso, policy.mediationSlaMs), at: now.iso } };
}

/** A party's complaint that sends the case back to mediation (a contested return, a replacement problem): an explanation and at least one piece of evidence. */
export function readComplaint(raw: unknown, input: GuardInput, party: Party, what: string): Checked<{ explanation: string; evidence: EvidenceItem[] }> {
  const data = dataOf(raw);
  if (!data.ok) return data;
  const explanation = readText(data.value.explanation, 'explanation', 'explanation', input.policy.maxTextLength);
  if (!explanation.ok) return explanation;
  const evidence = readEvidence(data.value.evidence, 'evidence', evidenceRules(input, party, 1, what));
  if (!evidence.ok) return evidence;
  return { ok: true, value: { explanation: explanation.value, evidence: evidence.value } };
}
