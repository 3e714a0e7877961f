import { Deadline } from '../../../ui/deadline';
import { Empty } from '../../../ui/states';
import type { CaseDispute } from './types';

export const DEADLINES: Record<string, string> = {
  SELLER_RESPONSE: 'Seller’s response',
  NEGOTIATION: 'Negotiation ends',
  MEDIATION_SLA: 'Mediation target (SLA)',
  INFORMATION_REQUEST: 'Answer to an information request',
  APPEAL_WINDOW: 'Appeal window closes',
  RETURN_SHIPMENT: 'Return to be shipped',
  RETURN_RECEIPT: 'Return to be confirmed',
  REPLACEMENT_SHIPMENT: 'Replacement to be shipped',
  REPLACEMENT_CONFIRMATION: 'Replacement to be confirmed',
};

/** Who must act next, every timer running, and the questions asked so far. */
export function TurnAndDeadlines({ dispute }: { dispute: CaseDispute }) {
  const turn = dispute.whoseTurn;
  return (
    <section className="panel" aria-labelledby="turn">
      <h2 id="turn">Whose turn</h2>
      {turn ? (
        <p className="turn">
          <strong>{turn.role.toLowerCase()}</strong>: {turn.reason}
          {turn.dueAt ? (
            <>
              {' '}
              — due <Deadline at={turn.dueAt} />
            </>
          ) : null}
        </p>
      ) : (
        <Empty>Nobody is expected to act: the case is settled.</Empty>
      )}
      <h3>Deadlines</h3>
      {dispute.deadlines.length === 0 ? (
        <Empty>No timers are running.</Empty>
      ) : (
        <ul className="deadlines">
          {dispute.deadlines.map((deadline) => (
            <li key={`${deadline.kind}-${deadline.dueAt}`}>
              {DEADLINES[deadline.kind] ?? deadline.kind}: <Deadline at={deadline.dueAt} />
            </li>
          ))}
        </ul>
      )}
      <h3>Information requests</h3>
      {dispute.informationRequests.length === 0 ? (
        <Empty>No questions were asked.</Empty>
      ) : (
        <ul className="requests">
          {dispute.informationRequests.map((request) => (
            <li key={request.requestId}>
              <span className="badge">{request.status}</span> To the {request.from.toLowerCase()}: “{request.question}”
              {request.status === 'OPEN' ? (
                <>
                  {' '}
                  — answer due <Deadline at={request.dueAt} />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
