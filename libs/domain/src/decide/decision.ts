// Reading a mediator's ruling (first decision or appeal): outcome, amount, rationale and the
// evidence and policy clauses it rests on.
import type { DecisionOutcome } from '../commands';
import type { Outcome } from '../events';
import type { Checked } from '../result';
import { invalid, valid } from '../result';
import type { DisputeState } from '../state';
import type { Policy } from '../policy';
import { dataOf, readAmountFor, readEnum, readText } from '../validate';
import type { ReturnTo } from '../return-address';
import { termsRules } from './common';
import type { GuardInput, RulebookEdition } from './context';
import { returnDestination } from './return-destination';

const FIRST_EDITION_OUTCOMES: readonly DecisionOutcome[] = ['FULL_REFUND', 'PARTIAL_REFUND', 'RETURN_AND_REFUND', 'NO_REFUND'];
/** Edition 2 lets a mediator rule a replacement (the seller reships), as the parties could agree one. */
const outcomesOf = (rulebook: RulebookEdition): readonly DecisionOutcome[] => (rulebook >= 2 ? [...FIRST_EDITION_OUTCOMES, 'REPLACEMENT'] : FIRST_EDITION_OUTCOMES);

export interface Ruling extends Partial<ReturnTo> {
  outcome: DecisionOutcome;
  refund: Outcome['refund'];
  rationale: string;
  citedEvidenceIds: string[];
  citedPolicyClauses: string[];
}

function readIdList(value: unknown, field: string, known: (id: string) => boolean, what: string, min: number): Checked<string[]> {
  if (!Array.isArray(value)) return invalid(field, `The cited ${what}s must be a list.`);
  if (value.length < min) return invalid(field, `A decision must cite at least ${min} ${what}.`);
  const seen = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const id: unknown = value[i];
    if (typeof id !== 'string' || !known(id)) return invalid(`${field}[${i}]`, `The ${what} ${String(id)} is not part of this dispute.`);
    if (seen.has(id)) return invalid(`${field}[${i}]`, `The ${what} ${id} is cited twice.`);
    seen.add(id);
  }
  return valid([...seen]);
}

/** Where a ruling's return goes, when it named (or resolved) one. */
export const returnToOf = (r: Partial<ReturnTo>): ReturnTo | null => (r.returnAddress ? { returnAddress: r.returnAddress, prepaidLabel: r.prepaidLabel ?? null } : null);

export function readRuling(raw: unknown, state: DisputeState, policy: Policy, input: GuardInput): Checked<Ruling> {
  const data = dataOf(raw);
  if (!data.ok) return data;
  const d = data.value;
  const outcome = readEnum(d.outcome, outcomesOf(input.rulebook), 'outcome', 'outcome');
  if (!outcome.ok) return outcome;
  let refund: Outcome['refund'] = null;
  if (outcome.value === 'NO_REFUND' || outcome.value === 'REPLACEMENT') {
    if (d.amount !== undefined && d.amount !== null) return invalid('amount', 'A ruling without a refund has no amount.');
  } else {
    if (outcome.value === 'RETURN_AND_REFUND' && state.return?.status === 'CONTESTED') {
      return invalid('outcome', 'The item has already been returned, so the ruling cannot require another return.');
    }
    const terms = readAmountFor(outcome.value, d.amount, { kind: 'outcome', amount: 'amount' }, termsRules(state));
    if (!terms.ok) return terms;
    refund = terms.value.amount;
  }
  const rationale = readText(d.rationale, 'rationale', 'rationale', policy.maxTextLength);
  if (!rationale.ok) return rationale;
  const evidenceIds = new Set(state.evidence.map((e) => e.evidenceId));
  const cited = readIdList(d.citedEvidenceIds ?? [], 'citedEvidenceIds', (id) => evidenceIds.has(id), 'evidence id', 0);
  if (!cited.ok) return cited;
  const clauses = readIdList(d.citedPolicyClauses, 'citedPolicyClauses', (id) => Object.hasOwn(policy.clauses, id), 'policy clause', 1);
  if (!clauses.ok) return clauses;
  // Second edition: a ruling that orders a return says where it goes (else the order's address).
  const returnTo = returnDestination(outcome.value, d, '', true, null, input);
  if (!returnTo.ok) return returnTo;
  return valid({ outcome: outcome.value, refund, rationale: rationale.value, citedEvidenceIds: cited.value, citedPolicyClauses: clauses.value, ...returnTo.value });
}
