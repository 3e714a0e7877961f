// The Open Dispute form's draft, and the checks each step makes before "Next". The checks are
// the domain's own readers (libs/domain), so a step refuses with the sentence the API would.
import { refundableCeiling } from '../../../../../../libs/domain/src/money';
import { defaultPolicy } from '../../../../../../libs/domain/src/policy';
import type { OrderFacts } from '../../../../../../libs/domain/src/types';
import { OFFER_KINDS, SUB_REASONS } from '../../../../../../libs/domain/src/types';
import { readEvidence, readTerms, readText, type TermsRules } from '../../../../../../libs/domain/src/validate';
import type { ApiError } from '../../../api/client';
import { parseAmountInput } from '../../../format/amount-input';
import type { DisputeReason, DisputeSubReason, OfferKind, OpenDisputeFormOrderQuery } from '../../../gql/graphql';
import type { Citation } from '../../../ui/evidence-upload';

export type FormOrder = OpenDisputeFormOrderQuery['order'];

export interface Draft {
  reason: DisputeReason | null;
  subReason: DisputeSubReason | null;
  description: string;
  resolution: OfferKind | null;
  /** As typed, in the currency's units; parsed only when checked and sent. */
  amount: string;
}

export const EMPTY_DRAFT: Draft = { reason: null, subReason: null, description: '', resolution: null, amount: '' };

export const STEPS = ['Reason', 'Describe the problem', 'Evidence', 'Resolution', 'Review and submit'] as const;

/**
 * The buyer cannot read the policy a dispute will pin before it exists, so the counter counts
 * against the default policy's limit; a line with another limit still refuses at submit with
 * its own number, shown next to the description.
 */
export const DESCRIPTION_LIMIT = defaultPolicy.maxDescriptionLength;
export const EVIDENCE_LIMIT = defaultPolicy.maxEvidencePerParty;

export const subReasonsOf = (reason: DisputeReason | null): readonly DisputeSubReason[] => (reason ? SUB_REASONS[reason] : []);

/** The order as the money rules read it; only the amounts and lines matter to the ceiling. */
function moneyFacts(order: FormOrder): OrderFacts {
  const currency = order.amountPaid.currency;
  return {
    amountPaid: { amountMinor: Number(order.amountPaid.minorUnits), currency },
    amountRefundedMinor: Number(order.amountRefunded.minorUnits),
    lines: order.lines.map((line) => ({ lineId: line.lineId, sku: line.sku, title: line.title, quantity: line.quantity, unitPrice: { amountMinor: Number(line.unitPrice.minorUnits), currency }, refundedMinor: Number(line.refunded.minorUnits) })),
  } as OrderFacts;
}

/** The most this dispute may refund (it covers the whole order). */
export const ceilingOf = (order: FormOrder): number => refundableCeiling(moneyFacts(order), null);

const termsRules = (order: FormOrder, reason: DisputeReason): TermsRules => ({ reason, refundableMinor: ceilingOf(order), currency: order.amountPaid.currency, scope: 'on this order' });

/** Why a resolution kind cannot be asked for at all (e.g. a return of an item never received), else null. */
export function kindRefusal(kind: OfferKind, order: FormOrder, reason: DisputeReason): string | null {
  const result = readTerms({ kind }, 'requestedResolution', termsRules(order, reason));
  return !result.ok && result.rejection.field === 'requestedResolution.kind' ? result.rejection.message : null;
}

export const offerKinds = OFFER_KINDS;

/** The amount as the API takes it, or the refusal of what was typed. */
export function amountOf(draft: Draft, order: FormOrder): { ok: true; minor: number | null } | { ok: false; error: ApiError } {
  if (draft.resolution !== 'PARTIAL_REFUND') return { ok: true, minor: null };
  const currency = order.amountPaid.currency;
  const parsed = parseAmountInput(draft.amount, currency);
  if (!parsed.ok) return { ok: false, error: { code: 'VALIDATION', field: 'requestedResolution.amount', message: parsed.message } };
  return { ok: true, minor: parsed.minorUnits };
}

/** The refusal that keeps the person on `step`, or null when they may go on. */
export function checkStep(step: number, draft: Draft, order: FormOrder, citations: Citation[], uploading: boolean): ApiError | null {
  const refused = (rejection: { code: string; message: string; field?: string }): ApiError => ({ code: rejection.code, message: rejection.message, field: rejection.field });
  if (step === 0 && !draft.reason) return { code: 'VALIDATION', field: 'reason', message: 'Choose what went wrong.' };
  if (step === 1) {
    const text = readText(draft.description, 'description', 'description', DESCRIPTION_LIMIT);
    if (!text.ok) return refused(text.rejection);
  }
  if (step === 2) {
    if (uploading) return { code: 'VALIDATION', field: 'evidence', message: 'Wait until every file has finished uploading, or remove it.' };
    const rules = { min: draft.reason === 'NOT_AS_DESCRIBED' ? 1 : 0, existing: [], limit: EVIDENCE_LIMIT, remaining: EVIDENCE_LIMIT, what: 'A "not as described" dispute', author: { role: 'BUYER' as const, id: '' }, files: [], unchecked: true };
    const evidence = readEvidence(citations, 'evidence', rules);
    if (!evidence.ok) return refused(evidence.rejection);
  }
  if (step === 3) {
    if (!draft.resolution) return { code: 'VALIDATION', field: 'requestedResolution.kind', message: 'Choose the resolution you want.' };
    const amount = amountOf(draft, order);
    if (!amount.ok) return amount.error;
    const money = amount.minor === null ? undefined : { amountMinor: amount.minor, currency: order.amountPaid.currency };
    const terms = readTerms({ kind: draft.resolution, amount: money }, 'requestedResolution', termsRules(order, draft.reason!));
    if (!terms.ok) return refused(terms.rejection);
  }
  return null;
}

/** The step that holds the field an API refusal names; the review step for the rest (the order itself). */
export function stepOfField(field: string | undefined): number {
  if (!field) return 4;
  if (field === 'reason' || field === 'subReason') return 0;
  if (field.startsWith('description')) return 1;
  if (field.startsWith('evidence')) return 2;
  if (field.startsWith('requestedResolution')) return 3;
  return 4;
}

/** openDispute's input from the draft; `idempotencyKey` is the form's own, kept across retries. */
export function openingInput(draft: Draft, order: FormOrder, citations: Citation[], idempotencyKey: string) {
  const amount = amountOf(draft, order);
  const minor = amount.ok ? amount.minor : null;
  return {
    orderId: order.id,
    reason: draft.reason!,
    subReason: draft.subReason,
    description: draft.description.trim(),
    evidence: citations,
    requestedResolution: { kind: draft.resolution!, ...(minor === null ? {} : { amount: { minorUnits: String(minor), currency: order.amountPaid.currency } }) },
    idempotencyKey,
  };
}
