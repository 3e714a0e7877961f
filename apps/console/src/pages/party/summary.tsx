import { formatMoney } from '../../format/money';
import { DEADLINE_WORDS, OUTCOME_WORDS, REASON_WORDS, ROUTE_WORDS, SUB_REASON_WORDS, statusWords } from '../../format/dispute-words';
import { dateTime } from '../../format/time';
import { Deadline } from '../../ui/deadline';
import type { PanelProps } from './dispute-fields';

/** Whose turn it is, said to the person reading: "Your turn" or who the page is waiting for. */
function turnWords(dispute: PanelProps['dispute'], me: PanelProps['me']): string {
  const turn = dispute.whoseTurn;
  if (!turn) return 'Nothing is expected from anyone: this dispute has ended.';
  if (turn.role === me) return `Your turn. ${turn.reason}`;
  const who = turn.role === 'BUYER' ? 'the buyer' : turn.role === 'SELLER' ? 'the seller' : turn.role === 'MEDIATOR' ? 'a mediator' : 'the marketplace';
  return `Waiting for ${who}. ${turn.reason}`;
}

export function DisputeSummary({ dispute, me }: PanelProps) {
  const ended = dispute.resolvedAt ?? dispute.withdrawnAt;
  return (
    <section className="panel" aria-labelledby="dispute-heading">
      <h1 id="dispute-heading">
        Dispute on order {dispute.orderId}
      </h1>
      <p className="dispute-status">
        <span className="badge status-badge" data-status={dispute.status}>
          {statusWords(dispute.status)}
        </span>{' '}
        <span className="turn" data-testid="whose-turn">
          {turnWords(dispute, me)}
        </span>
        {dispute.whoseTurn?.dueAt && (
          <>
            {' '}
            Due <Deadline at={dispute.whoseTurn.dueAt} />.
          </>
        )}
      </p>
      {dispute.outcome && (
        <p className="ok-note" data-testid="outcome">
          Outcome: {OUTCOME_WORDS[dispute.outcome.kind] ?? dispute.outcome.kind}
          {dispute.outcome.refund && ` of ${formatMoney(dispute.outcome.refund.minorUnits, dispute.outcome.refund.currency)}`}
          {dispute.resolvedVia && `, ${ROUTE_WORDS[dispute.resolvedVia] ?? dispute.resolvedVia}`}.
        </p>
      )}
      <dl className="facts">
        <dt>Reason</dt>
        <dd>
          {REASON_WORDS[dispute.reason] ?? dispute.reason}
          {dispute.subReason && `: ${(SUB_REASON_WORDS[dispute.subReason as keyof typeof SUB_REASON_WORDS] ?? dispute.subReason).toLowerCase()}`}
        </dd>
        <dt>Opened</dt>
        <dd>{dateTime(dispute.openedAt)}</dd>
        <dt>The buyer’s description</dt>
        <dd className="description">{dispute.description}</dd>
      </dl>
      <h2>Deadlines</h2>
      <ul className="deadlines">
        {dispute.deadlines.map((deadline) => (
          <li key={deadline.kind}>
            {DEADLINE_WORDS[deadline.kind] ?? deadline.kind}: <Deadline at={deadline.dueAt} />
          </li>
        ))}
        {dispute.resolutionTargetAt && (
          <li>
            {/* FAQ 2: the platform aims to resolve every dispute within 15 days of opening; a target, not a timer. */}
            The marketplace aims to resolve this dispute by: {ended ? dateTime(dispute.resolutionTargetAt) : <Deadline at={dispute.resolutionTargetAt} />}{' '}
            <span className="hint">(a target, not a deadline: nothing happens by itself when it passes)</span>
          </li>
        )}
        {dispute.deadlines.length === 0 && !dispute.resolutionTargetAt && <li className="empty">No timers are running.</li>}
      </ul>
    </section>
  );
}
