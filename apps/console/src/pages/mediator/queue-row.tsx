import { useEffect, useState } from 'react';
import { request } from '../../api/client';
import { idempotencyKey, useMutation } from '../../api/hooks';
import { formatMoney } from '../../format/money';
import { exactTime } from '../../format/time';
import { graphql } from '../../gql';
import type { QueueCaseFragment } from '../../gql/graphql';
import { Link } from '../../router';
import { Deadline, useNow } from '../../ui/deadline';
import { ErrorNote } from '../../ui/states';
import { isBreached } from './queue-filter';
import { ESCALATION_LABELS, REASON_LABELS, STAGE_LABELS, shortId } from './queue-labels';

// Read again after a refusal: the case changed under the page (someone claimed it first), and
// the row should show that now rather than when the live update arrives.
const QueueCaseQuery = graphql(`
  query QueueCase($id: ID!) {
    dispute(id: $id) {
      ...QueueCase
    }
  }
`);

const ClaimCaseMutation = graphql(`
  mutation ClaimCase($input: ClaimCaseInput!) {
    claimCase(input: $input) {
      ...QueueCase
    }
  }
`);

/** One case in the queue, with the claim when the rules offer it and the API's refusal beside it. */
export function QueueRow({ dispute, me, onChange }: { dispute: QueueCaseFragment; me: string; onChange: (dispute: QueueCaseFragment) => void }) {
  const claim = useMutation(ClaimCaseMutation);
  const [claimed, setClaimed] = useState(false);
  const now = useNow();
  const mediation = dispute.mediation;
  const holder = mediation?.mediatorId ?? null;
  const mine = holder === me;
  const name = shortId(dispute.id);
  const errorId = `claim-error-${dispute.id}`;
  const linkId = `open-case-${dispute.id}`;

  // The claim button goes away once the case is ours: keep the keyboard where the work continues.
  useEffect(() => {
    if (claimed && mine) document.getElementById(linkId)?.focus();
  }, [claimed, mine, linkId]);

  const onClaim = async () => {
    const result = await claim.run({ input: { disputeId: dispute.id, idempotencyKey: idempotencyKey() } });
    if (result.ok) {
      setClaimed(true);
      onChange(result.data.claimCase);
      return;
    }
    const fresh = await request(QueueCaseQuery, { id: dispute.id });
    if (fresh.ok) onChange(fresh.data.dispute);
  };

  // Who holds it and the claim share a cell: on a phone the table scrolls, and this is what a mediator acts on.
  return (
    <tr>
      <th scope="row">
        <code title={dispute.id}>{name}</code>
        <span className="queue-sub">
          Order <code>{dispute.orderId}</code>
        </span>
      </th>
      <td className="queue-holder">
        {holder === null ? <span className="badge">Unclaimed</span> : mine ? <span className="badge ok">yours</span> : <span>{holder}</span>}
        {mine && (
          <Link id={linkId} to={`/mediator/cases/${encodeURIComponent(dispute.id)}`} className="queue-open">
            Open case file<span className="visually-hidden"> {name}</span>
          </Link>
        )}
        {dispute.availableActions.includes('CLAIM_CASE') && (
          <button type="button" onClick={() => void onClaim()} disabled={claim.pending} aria-describedby={claim.error ? errorId : undefined}>
            {claim.pending ? 'Claiming…' : 'Claim'}
            <span className="visually-hidden"> case {name}</span>
          </button>
        )}
        <ErrorNote error={claim.error} id={errorId} />
      </td>
      <td className="queue-due">
        {mediation && <Deadline at={mediation.slaDueAt} />}
        {mediation && isBreached(mediation, now) && <span className="badge bad">SLA breached</span>}
      </td>
      <td>
        {mediation && STAGE_LABELS[mediation.stage]}
        {mediation && (
          <span className="queue-sub">
            escalated <time dateTime={mediation.startedAt}>{exactTime(mediation.startedAt)}</time>
          </span>
        )}
      </td>
      <td>
        {REASON_LABELS[dispute.reason]}
        {mediation && <span className="queue-sub">{ESCALATION_LABELS[mediation.reason]}</span>}
      </td>
      <td className="queue-amount">{formatMoney(dispute.amountInDispute.minorUnits, dispute.amountInDispute.currency)}</td>
    </tr>
  );
}
