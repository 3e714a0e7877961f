import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from '../../api/hooks';
import { formatMoney } from '../../format/money';
import { dateTime, deadline } from '../../format/time';
import { graphql } from '../../gql';
import type { AuditorAsOfQuery } from '../../gql/graphql';
import { ErrorNote, Loading } from '../../ui/states';
import { Hash } from './hash';

const AuditorAsOf = graphql(`
  query AuditorAsOf($disputeId: ID!, $sequence: Int, $at: String) {
    disputeAsOf(disputeId: $disputeId, sequence: $sequence, at: $at) {
      sequence
      at
      status
      headHash
      chain {
        valid
        firstBrokenSequence
      }
      whoseTurn {
        role
        reason
        dueAt
      }
      deadlines {
        kind
        dueAt
      }
      parties {
        party
        actorId
        canRead
        theirTurn
        visibleEvents
        availableActions
        state {
          status
          messageCount
          offers {
            offerNumber
            by
            kind
            status
            amount {
              minorUnits
              currency
            }
          }
          evidence {
            evidenceId
          }
          informationRequests {
            requestId
            from
            status
          }
          mediation {
            mediatorId
            stage
          }
          decision {
            outcome
            refund {
              minorUnits
              currency
            }
          }
          appeal {
            by
            upheld
          }
          refunded {
            minorUnits
            currency
          }
        }
      }
    }
  }
`);

type Snapshot = AuditorAsOfQuery['disputeAsOf'];
type PartyView = Snapshot['parties'][number];

const PARTY_NAMES: Record<PartyView['party'], string> = { BUYER: 'Buyer', SELLER: 'Seller', MEDIATOR: 'Mediator' };
const words = (value: string) => value.toLowerCase().replace(/_/g, ' ');

/** Where the replay stops: after an event, or at a moment (every event that had occurred by then). */
type Moment = { sequence: number } | { at: string };

/** Slider moves by keyboard send one request per key press; only the position it rests on is asked for. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** One participant's view at that moment, as the domain let them see it. */
function PartyColumn({ view }: { view: PartyView }) {
  const state = view.state;
  return (
    <section className="panel audit-party" aria-labelledby={`as-of-${view.party}`}>
      <h3 id={`as-of-${view.party}`}>
        {PARTY_NAMES[view.party]}
        <span className="audit-party-id">{view.actorId ?? (view.party === 'MEDIATOR' ? 'nobody held the case' : 'not known before the opening')}</span>
      </h3>
      {view.theirTurn && <p className="badge ok audit-their-turn">Their turn</p>}
      {!view.canRead || !state ? (
        <p className="empty">Could not read the dispute at that moment.</p>
      ) : (
        <dl className="audit-facts">
          <dt>Status</dt>
          <dd data-testid={`as-of-status-${view.party}`}>{state.status}</dd>
          <dt>Events they could read</dt>
          <dd>{view.visibleEvents}</dd>
          <dt>Offers</dt>
          <dd>
            {state.offers.length === 0 ? 'none' : (
              <ul className="audit-plain-list">
                {state.offers.map((offer) => (
                  <li key={offer.offerNumber}>
                    #{offer.offerNumber} {words(offer.by)}: {words(offer.kind)}
                    {offer.amount ? ` ${formatMoney(offer.amount.minorUnits, offer.amount.currency)}` : ''} ({words(offer.status)})
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>Messages · evidence</dt>
          <dd>
            {state.messageCount} · {state.evidence.length}
          </dd>
          {state.informationRequests.length > 0 && (
            <>
              <dt>Information requests</dt>
              <dd>{state.informationRequests.map((asked) => `${words(asked.from)} (${words(asked.status)})`).join(', ')}</dd>
            </>
          )}
          {state.mediation && (
            <>
              <dt>Mediation</dt>
              <dd>
                {words(state.mediation.stage)} · {state.mediation.mediatorId ?? 'unclaimed'}
              </dd>
            </>
          )}
          {state.decision && (
            <>
              <dt>Decision</dt>
              <dd>
                {words(state.decision.outcome)}
                {state.decision.refund ? ` ${formatMoney(state.decision.refund.minorUnits, state.decision.refund.currency)}` : ''}
              </dd>
            </>
          )}
          {state.appeal && (
            <>
              <dt>Appeal</dt>
              <dd>
                by the {words(state.appeal.by)}
                {state.appeal.upheld === null ? ', pending' : state.appeal.upheld ? ', upheld' : ', rejected'}
              </dd>
            </>
          )}
          <dt>Refunded</dt>
          <dd>{formatMoney(state.refunded.minorUnits, state.refunded.currency)}</dd>
          <dt>Could do</dt>
          <dd>{view.availableActions.length === 0 ? 'nothing' : view.availableActions.map(words).join(', ')}</dd>
        </dl>
      )}
    </section>
  );
}

function SnapshotView({ snapshot, eventType }: { snapshot: Snapshot; eventType: string | undefined }) {
  const moment = snapshot.at ? new Date(snapshot.at).getTime() : 0;
  return (
    <>
      <p className="audit-moment" role="status" aria-live="polite">
        {snapshot.sequence === 0 ? (
          'Before the opening: nothing had happened yet.'
        ) : (
          <>
            After event {snapshot.sequence}
            {eventType ? ` (${eventType})` : ''}
            {snapshot.at ? `, ${dateTime(snapshot.at)}` : ''}: status <strong data-testid="as-of-status">{snapshot.status}</strong>
            .{snapshot.whoseTurn ? ` ${snapshot.whoseTurn.reason}` : ''}
          </>
        )}
      </p>
      <p className="hint">
        Head <Hash value={snapshot.headHash} /> · events 1 to {snapshot.sequence} {snapshot.chain.valid ? 'verify' : `are broken at event ${snapshot.chain.firstBrokenSequence}`}
        {snapshot.deadlines.length > 0 && (
          <>
            {' · running then: '}
            {snapshot.deadlines.map((timer) => `${words(timer.kind)} due ${deadline(timer.dueAt, moment)}`).join('; ')}
          </>
        )}
      </p>
      <div className="audit-parties">
        {snapshot.parties.map((view) => (
          <PartyColumn key={view.party} view={view} />
        ))}
      </div>
    </>
  );
}

/**
 * Replays the case to any event (a slider and a number) or any time, and shows it as the buyer,
 * the seller and the mediator saw it then, side by side (disputeAsOf: one call gives all three).
 */
export function AsOf({ disputeId, head, typeOf }: { disputeId: string; head: number; typeOf: (sequence: number) => string | undefined }) {
  const [sequence, setSequence] = useState(head);
  const [moment, setMoment] = useState<Moment>({ sequence: head });
  const [time, setTime] = useState('');
  const settled = useSettled(moment, 200);
  const snapshot = useQuery(AuditorAsOf, { disputeId, sequence: 'sequence' in settled ? settled.sequence : null, at: 'at' in settled ? settled.at : null });

  // A replay by time lands on the last event before it: the slider follows.
  const landed = snapshot.status === 'ready' ? snapshot.data.disputeAsOf.sequence : null;
  useEffect(() => {
    if (landed !== null && 'at' in settled) setSequence(landed);
  }, [landed, settled]);

  const pick = (value: number) => {
    const bounded = Math.max(0, Math.min(head, Number.isFinite(value) ? Math.round(value) : 0));
    setSequence(bounded);
    setMoment({ sequence: bounded });
  };
  const replayAt = (event: FormEvent) => {
    event.preventDefault();
    // datetime-local has no zone: the console reads it as UTC, the zone every time on the page is in.
    if (time) setMoment({ at: new Date(`${time}Z`).toISOString() });
  };
  const valueText = sequence === 0 ? 'before the opening' : `after event ${sequence} of ${head}${typeOf(sequence) ? `, ${typeOf(sequence)}` : ''}`;

  return (
    <div className="audit-as-of">
      <div className="audit-as-of-controls">
        <div className="audit-slider">
          <label htmlFor="as-of-slider">Replay to event</label>
          <input id="as-of-slider" type="range" min={0} max={head} step={1} value={sequence} aria-valuetext={valueText} onChange={(event) => pick(Number(event.target.value))} />
          <output htmlFor="as-of-slider" className="hint">
            {valueText}
          </output>
        </div>
        <div>
          <label htmlFor="as-of-sequence">Event number</label>
          <input id="as-of-sequence" type="number" min={0} max={head} value={sequence} onChange={(event) => pick(event.target.valueAsNumber)} className="audit-number" />
        </div>
        <form onSubmit={replayAt} className="audit-time">
          <label htmlFor="as-of-time">Or a moment (UTC)</label>
          <div className="audit-inline">
            <input id="as-of-time" type="datetime-local" step={1} value={time} onChange={(event) => setTime(event.target.value)} />
            <button type="submit" className="quiet">
              Replay to this time
            </button>
          </div>
        </form>
      </div>
      {snapshot.status === 'loading' && <Loading what="the case as it stood then" />}
      {snapshot.status === 'error' && <ErrorNote error={snapshot.error} />}
      {snapshot.status === 'ready' && <SnapshotView snapshot={snapshot.data.disputeAsOf} eventType={typeOf(snapshot.data.disputeAsOf.sequence)} />}
    </div>
  );
}
