import { useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../../../api/client';
import { idempotencyKey, useMutation } from '../../../api/hooks';
import { graphql } from '../../../gql';
import { formatMoney } from '../../../format/money';
import { ErrorNote } from '../../../ui/states';
import { openingOf, type History } from './history';
import { RulingDialog } from './ruling-dialog';
import { ceilingOf, checkRuling, OUTCOME_LABELS, OUTCOMES, refunds, type CheckedRuling, type RulingOutcome } from './ruling-rules';
import type { CaseDispute } from './types';

const IssueDecision = graphql(`
  mutation CaseFileIssueDecision($input: IssueDecisionInput!) {
    issueDecision(input: $input) {
      id
      status
    }
  }
`);

const DecideAppeal = graphql(`
  mutation CaseFileDecideAppeal($input: DecideAppealInput!) {
    decideAppeal(input: $input) {
      id
      status
    }
  }
`);

/** The decision (or the appeal ruling): outcome, amount, cited evidence and clauses, rationale; confirmed in a dialog. */
export function RulingForm({ dispute, history, onDone }: { dispute: CaseDispute; history: History; onDone: () => void }) {
  const appeal = dispute.availableActions.includes('DECIDE_APPEAL');
  const offered = appeal || dispute.availableActions.includes('ISSUE_DECISION');
  const issue = useMutation(IssueDecision);
  const decideAppeal = useMutation(DecideAppeal);
  const send = appeal ? decideAppeal : issue;
  const [outcome, setOutcome] = useState<RulingOutcome>('PARTIAL_REFUND');
  const [amountText, setAmountText] = useState('');
  const [evidenceIds, setEvidenceIds] = useState<string[]>([]);
  const [clauses, setClauses] = useState<string[]>([]);
  const [rationale, setRationale] = useState('');
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState<CheckedRuling | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const review = useRef<HTMLButtonElement>(null);

  if (!offered) {
    return recorded ? (
      <p className="ok-note" role="status">
        {recorded}
      </p>
    ) : null;
  }

  const opening = openingOf(history);
  const currency = opening?.order.amountPaid.currency ?? dispute.refunded.currency;
  const facts = {
    reason: dispute.reason,
    currency,
    opening,
    maxTextLength: dispute.policy?.maxTextLength ?? Number.MAX_SAFE_INTEGER,
    returnContested: dispute.return?.status === 'CONTESTED',
  };
  const ceiling = ceilingOf(facts);
  const what = appeal ? 'appeal ruling' : 'decision';
  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((other) => other !== id));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.clear();
    const checked = checkRuling({ outcome, amountText, citedEvidenceIds: evidenceIds, citedPolicyClauses: clauses, rationale }, facts);
    if (!checked.ok) {
      setRefusal(checked.error);
      return;
    }
    setRefusal(null);
    setConfirming(checked.ruling);
  };

  const confirm = async () => {
    if (!confirming) return;
    const input = {
      disputeId: dispute.id,
      outcome: confirming.outcome,
      amount: confirming.outcome === 'PARTIAL_REFUND' && confirming.amountMinor !== null ? { minorUnits: String(confirming.amountMinor), currency } : null,
      citedEvidenceIds: confirming.citedEvidenceIds,
      citedPolicyClauses: confirming.citedPolicyClauses,
      rationale: confirming.rationale,
      idempotencyKey: idempotencyKey(),
    };
    const result = appeal ? await decideAppeal.run({ input }) : await issue.run({ input });
    if (result.ok) {
      setConfirming(null);
      setRecorded(`The ${what} was recorded: ${OUTCOME_LABELS[confirming.outcome]}.`);
      onDone();
    }
  };

  const error = refusal;
  const invalid = (field: string) => (error?.field?.startsWith(field) ? true : undefined);

  return (
    <section className="panel" aria-labelledby="ruling">
      <h2 id="ruling">{appeal ? 'Decide the appeal' : 'Decide'}</h2>
      <form onSubmit={submit} noValidate>
        <label htmlFor="ruling-outcome">Outcome</label>
        <select id="ruling-outcome" value={outcome} onChange={(event) => setOutcome(event.target.value as RulingOutcome)} aria-invalid={invalid('outcome')}>
          {OUTCOMES.map((option) => (
            <option key={option} value={option}>
              {OUTCOME_LABELS[option]}
            </option>
          ))}
        </select>
        {refunds(outcome) ? (
          <p className="hint" id="ruling-ceiling" data-testid="refundable-ceiling">
            {ceiling === null ? 'The refundable ceiling is being read from the order snapshot…' : `Refundable ceiling: ${formatMoney(ceiling, currency)}${opening?.lineIds?.length ? ' on the disputed lines' : ' on this order'}.`}
            {outcome !== 'PARTIAL_REFUND' ? ' A full refund is the whole ceiling.' : ''}
          </p>
        ) : null}
        {outcome === 'PARTIAL_REFUND' ? (
          <>
            <label htmlFor="ruling-amount">Refund amount ({currency})</label>
            <input
              id="ruling-amount"
              inputMode="decimal"
              autoComplete="off"
              value={amountText}
              onChange={(event) => setAmountText(event.target.value)}
              aria-invalid={invalid('amount')}
              aria-describedby="ruling-ceiling ruling-amount-error"
            />
            <div id="ruling-amount-error">{error?.field?.startsWith('amount') ? <ErrorNote error={error} /> : null}</div>
          </>
        ) : null}
        <fieldset className="choices" aria-invalid={invalid('citedEvidenceIds')}>
          <legend>Cited evidence</legend>
          {dispute.evidence.length === 0 ? <p className="empty">The case file holds no evidence.</p> : null}
          {dispute.evidence.map((item) => (
            <label key={item.evidenceId} className="choice">
              <input type="checkbox" checked={evidenceIds.includes(item.evidenceId)} onChange={(event) => setEvidenceIds(toggle(evidenceIds, item.evidenceId, event.target.checked))} />
              <span>
                {item.description ?? item.kind.toLowerCase()} · {item.addedBy.toLowerCase()} · <code>{item.sha256.slice(0, 12)}…</code>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="choices" aria-describedby="ruling-clauses-error">
          <legend>Cited policy clauses{dispute.policy ? ` (policy ${dispute.policy.line ?? ''} ${dispute.policy.version})` : ''}</legend>
          {(dispute.policy?.clauses ?? []).length === 0 ? <p className="empty">The pinned policy has no clauses to cite.</p> : null}
          {(dispute.policy?.clauses ?? []).map((clause) => (
            <label key={clause.id} className="choice">
              <input type="checkbox" checked={clauses.includes(clause.id)} onChange={(event) => setClauses(toggle(clauses, clause.id, event.target.checked))} />
              <span>
                <strong>{clause.id}</strong> {clause.text}
              </span>
            </label>
          ))}
          <div id="ruling-clauses-error">{error?.field === 'citedPolicyClauses' ? <ErrorNote error={error} /> : null}</div>
        </fieldset>
        <label htmlFor="ruling-rationale">Rationale</label>
        <textarea id="ruling-rationale" value={rationale} onChange={(event) => setRationale(event.target.value)} aria-invalid={invalid('rationale')} aria-describedby="ruling-error" />
        <button type="submit" ref={review}>
          Review {what}
        </button>
        <div id="ruling-error">{error && !error.field?.startsWith('amount') && error.field !== 'citedPolicyClauses' ? <ErrorNote error={error} /> : null}</div>
      </form>
      {confirming ? (
        <RulingDialog
          title={appeal ? 'Record this appeal ruling?' : 'Record this decision?'}
          ruling={confirming}
          currency={currency}
          dispute={dispute}
          pending={send.pending}
          error={send.error}
          onConfirm={() => void confirm()}
          onClose={() => {
            setConfirming(null);
            review.current?.focus();
          }}
        />
      ) : null}
    </section>
  );
}
