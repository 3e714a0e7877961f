import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import { graphql } from '../../gql';
import { OUTCOME_WORDS } from '../../format/dispute-words';
import { formatMoney } from '../../format/money';
import { dateTime } from '../../format/time';
import { Loaded } from '../../ui/states';

const SellerPerformanceQuery = graphql(`
  query SellerPerformance($sellerId: ID!, $from: String!, $to: String!) {
    sellerPerformance(sellerId: $sellerId, from: $from, to: $to) {
      from
      to
      asOf
      orders
      disputes
      disputesPerOrder
      responded
      unanswered
      medianFirstResponseSeconds
      escalated
      escalatedShare
      withdrawn
      resolvedWithinTarget
      targetDue
      resolvedWithinTargetShare
      outcomes {
        kind
        count
      }
      refunded {
        currency
        minorUnits
      }
    }
  }
`);

const WINDOWS = [
  { days: 30, label: 'The last 30 days' },
  { days: 90, label: 'The last 90 days' },
  { days: 365, label: 'The last 365 days' },
];

// Fixed when picked, not on every render: a window that moved with the clock would ask again each time.
const windowOf = (days: number) => {
  const to = new Date();
  return { days, from: new Date(to.getTime() - days * 86_400_000).toISOString(), to: to.toISOString() };
};

const share = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : `${Math.round(value * 1000) / 10}%`);

function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return 'No answers yet';
  if (seconds < 3600) {
    const minutes = Math.max(1, Math.round(seconds / 60));
    return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  }
  if (seconds < 172_800) return `${Math.round(seconds / 360) / 10} hours`;
  return `${Math.round(seconds / 8640) / 10} days`;
}

/** The seller's own figures for the disputes opened in a window they pick. */
export function SellerPerformance({ sellerId }: { sellerId: string }) {
  const [span, setSpan] = useState(() => windowOf(30));
  const state = useQuery(SellerPerformanceQuery, { sellerId, from: span.from, to: span.to });
  return (
    <section className="panel" aria-labelledby="performance-heading">
      <h2 id="performance-heading">Your performance</h2>
      <label htmlFor="performance-window">Disputes opened in</label>
      <select id="performance-window" value={span.days} onChange={(event) => setSpan(windowOf(Number(event.target.value)))}>
        {WINDOWS.map((option) => (
          <option key={option.days} value={option.days}>
            {option.label}
          </option>
        ))}
      </select>
      <Loaded state={state} what="your figures">
        {({ sellerPerformance: figures }) => (
          <>
            <dl className="figures">
              <div>
                <dt>Disputes</dt>
                <dd>
                  {figures.disputes} on {figures.orders} orders ({share(figures.disputesPerOrder)})
                </dd>
              </div>
              <div>
                <dt>Answered</dt>
                <dd>
                  {figures.responded} answered, {figures.unanswered} unanswered
                </dd>
              </div>
              <div>
                <dt>Median time to first answer</dt>
                <dd>{duration(figures.medianFirstResponseSeconds)}</dd>
              </div>
              <div>
                <dt>Sent to a mediator</dt>
                <dd>
                  {figures.escalated} ({share(figures.escalatedShare)})
                </dd>
              </div>
              <div>
                <dt>Resolved within the resolution target</dt>
                <dd>
                  {figures.resolvedWithinTarget} of {figures.targetDue} ({share(figures.resolvedWithinTargetShare)})
                </dd>
              </div>
              <div>
                <dt>Withdrawn by buyers</dt>
                <dd>{figures.withdrawn}</dd>
              </div>
              <div>
                <dt>Outcomes</dt>
                <dd>{figures.outcomes.length === 0 ? 'None resolved yet' : figures.outcomes.map((outcome) => `${OUTCOME_WORDS[outcome.kind] ?? outcome.kind}: ${outcome.count}`).join(', ')}</dd>
              </div>
              <div>
                <dt>Refunded to buyers</dt>
                <dd>{figures.refunded.length === 0 ? 'Nothing' : figures.refunded.map((money) => formatMoney(money.minorUnits, money.currency)).join(', ')}</dd>
              </div>
            </dl>
            <p className="hint">
              From {dateTime(figures.from)} to {dateTime(figures.to)}; figures as of {dateTime(figures.asOf)} (disputes still running may change them).
            </p>
          </>
        )}
      </Loaded>
    </section>
  );
}
