import { dateTime } from '../../../format/time';
import { statementsOf, type History } from './history';
import type { CaseDispute } from './types';

/** What each side said: the buyer's description, the seller's response, notes, answers and the appeal's grounds. */
export function Statements({ dispute, history }: { dispute: CaseDispute; history: History }) {
  const later = statementsOf(history);
  return (
    <section className="panel" aria-labelledby="statements">
      <h2 id="statements">Statements</h2>
      <ul className="statements">
        <li>
          <p className="statement-head">
            Buyer’s description · {dispute.buyerId} · {dateTime(dispute.openedAt)}
          </p>
          <blockquote>{dispute.description}</blockquote>
        </li>
        {later.map((statement) => (
          <li key={statement.sequence}>
            <p className="statement-head">
              {statement.what} · {statement.who} · {dateTime(statement.at)}
            </p>
            <blockquote>{statement.text}</blockquote>
          </li>
        ))}
        {dispute.appeal ? (
          <li>
            <p className="statement-head">
              Appeal grounds · {dispute.appeal.by.toLowerCase()} · {dateTime(dispute.appeal.filedAt)}
            </p>
            <blockquote>{dispute.appeal.grounds}</blockquote>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
