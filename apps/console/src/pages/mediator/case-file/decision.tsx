import { formatMoney } from '../../../format/money';
import { dateTime } from '../../../format/time';
import { Deadline } from '../../../ui/deadline';
import { OUTCOME_LABELS, type RulingOutcome } from './ruling-rules';
import type { CaseDispute } from './types';

/** The ruling on record (the appeal's, once decided), with what it cites, and how the case ended. */
export function DecisionOnRecord({ dispute }: { dispute: CaseDispute }) {
  const decision = dispute.decision;
  if (!decision) return null;
  const clauses = new Map((dispute.policy?.clauses ?? []).map((clause) => [clause.id, clause.text]));
  const evidence = new Map(dispute.evidence.map((item) => [item.evidenceId, item]));
  const appeal = dispute.appeal;
  return (
    <section className="panel" aria-labelledby="decision">
      <h2 id="decision">Decision on record</h2>
      {appeal ? (
        <p data-testid="appeal-result">
          Appealed by the {appeal.by.toLowerCase()}.{' '}
          {appeal.upheld === null ? 'The appeal awaits a ruling.' : appeal.upheld ? `Decided by ${appeal.decidedBy ?? 'a mediator'}: the first decision was upheld.` : `Decided by ${appeal.decidedBy ?? 'a mediator'}: the first decision was changed.`}
        </p>
      ) : null}
      <dl className="facts">
        <dt>Outcome</dt>
        <dd data-testid="decision-outcome">{OUTCOME_LABELS[decision.outcome as RulingOutcome] ?? decision.outcome}</dd>
        <dt>Refund</dt>
        <dd>{decision.refund ? formatMoney(decision.refund.minorUnits, decision.refund.currency) : 'none'}</dd>
        <dt>By</dt>
        <dd>
          {decision.mediatorId} · {dateTime(decision.at)}
        </dd>
        <dt>Cited evidence</dt>
        <dd>{decision.citedEvidenceIds.length === 0 ? 'none' : decision.citedEvidenceIds.map((id) => evidence.get(id)?.description ?? id).join(', ')}</dd>
        <dt>Cited clauses</dt>
        <dd>
          <ul>
            {decision.citedPolicyClauses.map((id) => (
              <li key={id}>
                <strong>{id}</strong> {clauses.get(id) ?? ''}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Rationale</dt>
        <dd className="message-body">{decision.rationale}</dd>
        {decision.appealDueAt ? (
          <>
            <dt>Appeal window</dt>
            <dd>
              closes <Deadline at={decision.appealDueAt} />
            </dd>
          </>
        ) : null}
        {dispute.outcome ? (
          <>
            <dt>Outcome carried out</dt>
            <dd>
              {dispute.outcome.kind.toLowerCase().replace(/_/g, ' ')}
              {dispute.outcome.refund ? ` · ${formatMoney(dispute.outcome.refund.minorUnits, dispute.outcome.refund.currency)}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
