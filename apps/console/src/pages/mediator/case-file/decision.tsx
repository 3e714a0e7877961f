import { formatMoney } from '../../../format/money';
import { dateTime } from '../../../format/time';
import { Deadline } from '../../../ui/deadline';
import type { History } from './history';
import { OUTCOME_LABELS, type RulingOutcome } from './ruling-rules';
import type { CaseDispute } from './types';

interface Ruling {
  mediatorId: string;
  at: string;
  outcome: string;
  refund: { minor: string | number; currency: string } | null;
  rationale: string;
  citedEvidenceIds: string[];
  citedPolicyClauses: string[];
}

/** The appeal's ruling lives in its event only (the dispute's `decision` stays the first one). */
function appealRulingOf(history: History): Ruling | null {
  const event = history.items.findLast((candidate) => candidate.type === 'AppealDecided');
  if (!event) return null;
  const d = event.data as { mediatorId: string; at: string; outcome: string; refund: { amountMinor: number; currency: string } | null; rationale: string; citedEvidenceIds: string[]; citedPolicyClauses: string[] };
  return { ...d, refund: d.refund ? { minor: d.refund.amountMinor, currency: d.refund.currency } : null };
}

function RulingFacts({ ruling, dispute, testId }: { ruling: Ruling; dispute: CaseDispute; testId: string }) {
  const clauses = new Map((dispute.policy?.clauses ?? []).map((clause) => [clause.id, clause.text]));
  const evidence = new Map(dispute.evidence.map((item) => [item.evidenceId, item]));
  return (
    <dl className="facts">
      <dt>Outcome</dt>
      <dd data-testid={`${testId}-outcome`}>{OUTCOME_LABELS[ruling.outcome as RulingOutcome] ?? ruling.outcome}</dd>
      <dt>Refund</dt>
      <dd>{ruling.refund ? formatMoney(ruling.refund.minor, ruling.refund.currency) : 'none'}</dd>
      <dt>By</dt>
      <dd>
        {ruling.mediatorId} · {dateTime(ruling.at)}
      </dd>
      <dt>Cited evidence</dt>
      <dd>{ruling.citedEvidenceIds.length === 0 ? 'none' : ruling.citedEvidenceIds.map((id) => evidence.get(id)?.description ?? id).join(', ')}</dd>
      <dt>Cited clauses</dt>
      <dd>
        <ul>
          {ruling.citedPolicyClauses.map((id) => (
            <li key={id}>
              <strong>{id}</strong> {clauses.get(id) ?? ''}
            </li>
          ))}
        </ul>
      </dd>
      <dt>Rationale</dt>
      <dd className="message-body">{ruling.rationale}</dd>
    </dl>
  );
}

/** The rulings on record (the first decision, and the appeal's once decided), and how the case ended. */
export function DecisionOnRecord({ dispute, history }: { dispute: CaseDispute; history: History }) {
  const decision = dispute.decision;
  if (!decision) return null;
  const appeal = dispute.appeal;
  const appealRuling = appealRulingOf(history);
  return (
    <section className="panel" aria-labelledby="decision">
      <h2 id="decision">Decision on record</h2>
      {appeal ? (
        <p data-testid="appeal-result">
          Appealed by the {appeal.by.toLowerCase()}.{' '}
          {appeal.upheld === null || appeal.upheld === undefined
            ? 'The appeal awaits a ruling.'
            : `Decided by ${appeal.decidedBy ?? 'a mediator'}: the first decision was ${appeal.upheld ? 'upheld' : 'changed'}.`}
        </p>
      ) : null}
      {appealRuling ? (
        <>
          <h3>Appeal ruling</h3>
          <RulingFacts ruling={appealRuling} dispute={dispute} testId="appeal" />
          <h3>First decision</h3>
        </>
      ) : null}
      <RulingFacts
        ruling={{ ...decision, refund: decision.refund ? { minor: decision.refund.minorUnits, currency: decision.refund.currency } : null }}
        dispute={dispute}
        testId="decision"
      />
      <dl className="facts">
        {decision.appealDueAt && !appeal ? (
          <>
            <dt>Appeal window</dt>
            <dd>
              closes <Deadline at={decision.appealDueAt} />
            </dd>
          </>
        ) : null}
        {dispute.outcome ? (
          <>
            <dt>Carried out</dt>
            <dd data-testid="outcome-carried-out">
              {dispute.outcome.kind.toLowerCase().replace(/_/g, ' ')}
              {dispute.outcome.refund ? ` · ${formatMoney(dispute.outcome.refund.minorUnits, dispute.outcome.refund.currency)}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
