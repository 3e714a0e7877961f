import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/client';
import { idempotencyKey, useMutation } from '../../api/hooks';
import { graphql } from '../../gql';
import { OFFER_KIND_WORDS, partyName } from '../../format/dispute-words';
import { formatMoney } from '../../format/money';
import { dateTime } from '../../format/time';
import { Empty, ErrorNote } from '../../ui/states';
import type { PanelProps, PartyDisputeView } from './dispute-fields';
import { NO_TERMS, resolutionInput, TermsFields } from './terms-fields';

const AcceptOffer = graphql(`
  mutation PartyAcceptOffer($input: AcceptOfferInput!) {
    acceptOffer(input: $input) {
      id
      version
    }
  }
`);

const RejectOffer = graphql(`
  mutation PartyRejectOffer($input: RejectOfferInput!) {
    rejectOffer(input: $input) {
      id
      version
    }
  }
`);

const MakeOffer = graphql(`
  mutation PartyMakeOffer($input: MakeOfferInput!) {
    makeOffer(input: $input) {
      id
      version
    }
  }
`);

type Offer = PartyDisputeView['offers'][number];

export const offerTerms = (offer: Pick<Offer, 'kind' | 'amount'>): string =>
  `${OFFER_KIND_WORDS[offer.kind] ?? offer.kind}${offer.amount && offer.kind !== 'FULL_REFUND' ? ` of ${formatMoney(offer.amount.minorUnits, offer.amount.currency)}` : offer.amount ? ` (${formatMoney(offer.amount.minorUnits, offer.amount.currency)})` : ''}`;

/** Accept or reject the other party's open offer, each refusal shown beside its button. */
function OpenOfferActions({ dispute, offer, changed }: { dispute: PartyDisputeView; offer: Offer; changed: () => void }) {
  const accept = useMutation(AcceptOffer);
  const reject = useMutation(RejectOffer);
  const [reason, setReason] = useState('');
  const reasonId = `reject-reason-${offer.offerNumber}`;
  const canAccept = dispute.availableActions.includes('ACCEPT_OFFER');
  const canReject = dispute.availableActions.includes('REJECT_OFFER');
  if (!canAccept && !canReject) return null;
  const run = async (action: 'accept' | 'reject') => {
    const result =
      action === 'accept'
        ? await accept.run({ input: { disputeId: dispute.id, offerNumber: offer.offerNumber, idempotencyKey: idempotencyKey() } })
        : await reject.run({ input: { disputeId: dispute.id, offerNumber: offer.offerNumber, reason: reason.trim() || undefined, idempotencyKey: idempotencyKey() } });
    if (result.ok) changed();
  };
  return (
    <div className="offer-actions">
      {canAccept && (
        <div>
          <button type="button" onClick={() => void run('accept')} disabled={accept.pending}>
            Accept offer #{offer.offerNumber}
          </button>
          <ErrorNote error={accept.error} />
        </div>
      )}
      {canReject && (
        <div>
          <label htmlFor={reasonId}>Why you reject it (optional)</label>
          <input id={reasonId} value={reason} onChange={(event) => setReason(event.target.value)} />{' '}
          <button type="button" className="quiet" onClick={() => void run('reject')} disabled={reject.pending}>
            Reject offer #{offer.offerNumber}
          </button>
          <ErrorNote error={reject.error} />
        </div>
      )}
    </div>
  );
}

/** A new offer of one's own (a counter-offer); it supersedes one's previous open offer. */
function CounterOffer({ dispute, changed }: { dispute: PartyDisputeView; changed: () => void }) {
  const [terms, setTerms] = useState(NO_TERMS);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const make = useMutation(MakeOffer);
  const currency = dispute.refunded.currency;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = resolutionInput(terms, currency);
    if ('problem' in input) return setProblem({ code: 'VALIDATION', message: input.problem, field: 'amount' });
    setProblem(null);
    const result = await make.run({ input: { disputeId: dispute.id, terms: input, idempotencyKey: idempotencyKey() } });
    if (result.ok) {
      setTerms(NO_TERMS);
      changed();
    }
  };
  return (
    <form className="counter-offer" onSubmit={(event) => void submit(event)} aria-labelledby="counter-heading">
      <h3 id="counter-heading">Make an offer</h3>
      <TermsFields terms={terms} currency={currency} onChange={setTerms} invalid={problem !== null || make.error?.field?.includes('amount')} />
      <ErrorNote error={problem ?? make.error} />
      <button type="submit" disabled={make.pending}>
        Send offer
      </button>
    </form>
  );
}

/** Every offer made so far, newest first, with what the reader may do about the open one. */
export function OffersLedger({ dispute, me, changed }: PanelProps) {
  const offers = [...dispute.offers].reverse();
  return (
    <section className="panel" aria-labelledby="offers-heading">
      <h2 id="offers-heading">Offers</h2>
      {offers.length === 0 ? (
        <Empty>No offers yet.</Empty>
      ) : (
        <ol className="offers">
          {offers.map((offer) => (
            <li key={offer.offerNumber} className="offer" data-status={offer.status}>
              <div className="offer-line">
                <strong>
                  #{offer.offerNumber} {offerTerms(offer)}
                </strong>{' '}
                <span className={offer.status === 'ACCEPTED' ? 'badge ok' : offer.status === 'REJECTED' ? 'badge bad' : 'badge'}>{offer.status.toLowerCase()}</span>
              </div>
              <span className="hint">
                {partyName(offer.by, me)} {offer.offerNumber === 1 ? 'asked for this when opening' : 'offered this'} on {dateTime(offer.madeAt)}
              </span>
              {offer.status === 'OPEN' && offer.by !== me && <OpenOfferActions dispute={dispute} offer={offer} changed={changed} />}
            </li>
          ))}
        </ol>
      )}
      {/* Before the seller's first answer their counter-offer goes through the response (respondToDispute). */}
      {dispute.availableActions.includes('MAKE_OFFER') && <CounterOffer dispute={dispute} changed={changed} />}
    </section>
  );
}
