// The decision form's own check, before anything is sent: the domain's rules for a ruling
// (libs/domain/src/decide/decision.ts readRuling), run on what the form holds, so the sentence
// and field are the ones the API would answer with.
// Pure (no browser APIs), so the unit tier holds it to the domain's own answers.
import { parseAmountInput } from '../../../format/amount-input';
import { termsRulesFor } from '../../../../../../libs/domain/src/decide/common';
import type { OrderFacts } from '../../../../../../libs/domain/src/types';
import { readAmountFor, readText } from '../../../../../../libs/domain/src/validate';

/** A refusal as the API words it (the console's ApiError has the same shape). */
export interface Refusal {
  code: string;
  message: string;
  field?: string;
}

/** The first event's snapshot of the order: the facts every refund limit is computed from. */
export interface Opening {
  order: OrderFacts;
  lineIds: string[] | null;
}

export const OUTCOMES = ['FULL_REFUND', 'PARTIAL_REFUND', 'RETURN_AND_REFUND', 'NO_REFUND', 'REPLACEMENT'] as const;
export type RulingOutcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<RulingOutcome, string> = {
  FULL_REFUND: 'Full refund',
  PARTIAL_REFUND: 'Partial refund',
  RETURN_AND_REFUND: 'Return and refund',
  NO_REFUND: 'No refund (in the seller’s favour)',
  REPLACEMENT: 'Replacement',
};

export const refunds = (outcome: RulingOutcome): outcome is 'FULL_REFUND' | 'PARTIAL_REFUND' | 'RETURN_AND_REFUND' => outcome === 'FULL_REFUND' || outcome === 'PARTIAL_REFUND' || outcome === 'RETURN_AND_REFUND';

export interface RulingDraft {
  outcome: RulingOutcome;
  amountText: string;
  citedEvidenceIds: string[];
  citedPolicyClauses: string[];
  rationale: string;
}

export interface RulingFacts {
  reason: string;
  currency: string;
  /** The order snapshot pinned at opening; null while the history is unread (the API then judges the amount). */
  opening: Opening | null;
  maxTextLength: number;
  /** Whether a return was already contested (a ruling cannot order another). */
  returnContested: boolean;
}

/** What will be recorded: the refund in minor units (null for none, or when only the API knows the ceiling). */
export interface CheckedRuling {
  outcome: RulingOutcome;
  refundMinor: number | null;
  /** Sent only for a partial refund; a full refund is the ceiling by rule. */
  amountMinor: number | null;
  rationale: string;
  citedEvidenceIds: string[];
  citedPolicyClauses: string[];
}

/** The refundable ceiling, when the order snapshot is known. */
export function ceilingOf(facts: RulingFacts): number | null {
  if (!facts.opening) return null;
  return termsRulesFor(facts.reason as Parameters<typeof termsRulesFor>[0], facts.opening.order, facts.opening.lineIds).refundableMinor;
}

export function checkRuling(draft: RulingDraft, facts: RulingFacts): { ok: true; ruling: CheckedRuling } | { ok: false; error: Refusal } {
  const refuse = (message: string, field: string) => ({ ok: false as const, error: { code: 'VALIDATION', message, field } });
  let refundMinor: number | null = null;
  let amountMinor: number | null = null;
  const outcome = draft.outcome;
  if (refunds(outcome)) {
    if (draft.outcome === 'RETURN_AND_REFUND' && facts.returnContested) return refuse('The item has already been returned, so the ruling cannot require another return.', 'outcome');
    let raw: { amountMinor: number; currency: string } | null = null;
    if (draft.outcome === 'PARTIAL_REFUND') {
      if (draft.amountText.trim() === '') return refuse('A partial refund needs an amount.', 'amount');
      const parsed = parseAmountInput(draft.amountText, facts.currency);
      if (!parsed.ok) return refuse(parsed.message, 'amount');
      raw = { amountMinor: parsed.minorUnits, currency: facts.currency };
      amountMinor = parsed.minorUnits;
    }
    if (facts.opening) {
      const rules = termsRulesFor(facts.reason as Parameters<typeof termsRulesFor>[0], facts.opening.order, facts.opening.lineIds);
      const terms = readAmountFor(outcome, raw, { kind: 'outcome', amount: 'amount' }, rules);
      if (!terms.ok) return { ok: false, error: terms.rejection };
      refundMinor = terms.value.amount?.amountMinor ?? null;
    } else {
      if (amountMinor === 0) return refuse('A partial refund must be more than zero.', 'amount.amountMinor');
      refundMinor = amountMinor;
    }
  }
  const rationale = readText(draft.rationale, 'rationale', 'rationale', facts.maxTextLength);
  if (!rationale.ok) return { ok: false, error: rationale.rejection };
  if (draft.citedPolicyClauses.length < 1) return refuse('A decision must cite at least 1 policy clause.', 'citedPolicyClauses');
  return {
    ok: true,
    ruling: { outcome: draft.outcome, refundMinor, amountMinor, rationale: rationale.value, citedEvidenceIds: draft.citedEvidenceIds, citedPolicyClauses: draft.citedPolicyClauses },
  };
}
