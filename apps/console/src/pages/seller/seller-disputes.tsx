import { useCallback } from 'react';
import { useQuery } from '../../api/hooks';
import { graphql } from '../../gql';
import type { SellerDisputesQuery } from '../../gql/graphql';
import { REASON_WORDS, statusWords } from '../../format/dispute-words';
import { dateTime } from '../../format/time';
import { Link } from '../../router';
import { Deadline } from '../../ui/deadline';
import { Empty, Loaded } from '../../ui/states';

const SellerDisputesQuery = graphql(`
  query SellerDisputes($sellerId: ID!) {
    disputes(first: 100, filter: { sellerId: $sellerId }) {
      totalCount
      edges {
        node {
          id
          orderId
          status
          reason
          openedAt
          sellerResponseDueAt
          whoseTurn {
            role
            reason
            dueAt
          }
        }
      }
    }
  }
`);

type Row = SellerDisputesQuery['disputes']['edges'][number]['node'];

const waitingForMe = (row: Row): boolean => row.whoseTurn?.role === 'SELLER';

/** Waiting for the seller first, soonest due first; then the rest as the API orders them (newest first). */
function ordered(rows: Row[]): Row[] {
  const due = (row: Row) => (row.whoseTurn?.dueAt ? Date.parse(row.whoseTurn.dueAt) : Number.POSITIVE_INFINITY);
  const waiting = rows.filter(waitingForMe).sort((a, b) => due(a) - due(b));
  return [...waiting, ...rows.filter((row) => !waitingForMe(row))];
}

export function SellerDisputes({ sellerId }: { sellerId: string }) {
  const state = useQuery(SellerDisputesQuery, { sellerId });
  const { reload } = state;
  const refresh = useCallback(() => reload(), [reload]);
  return (
    <section className="panel" aria-labelledby="seller-disputes-heading">
      <div className="section-head">
        <h2 id="seller-disputes-heading">Disputes</h2>
        <button type="button" className="quiet" onClick={refresh}>
          Refresh
        </button>
      </div>
      <Loaded state={state} what="your disputes">
        {({ disputes }) => {
          const rows = ordered(disputes.edges.map((edge) => edge.node));
          if (rows.length === 0) return <Empty>No disputes on your orders.</Empty>;
          const waiting = rows.filter(waitingForMe).length;
          return (
            <>
              <p>{waiting === 0 ? 'Nothing is waiting for you.' : `${waiting} ${waiting === 1 ? 'dispute is' : 'disputes are'} waiting for you.`}</p>
              <div className="table-scroll cards-on-phone">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Dispute</th>
                      <th scope="col">Status</th>
                      <th scope="col">Next step</th>
                      <th scope="col">Respond by</th>
                      <th scope="col">Opened</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.id} data-dispute={row.id} className={waitingForMe(row) ? 'waiting' : undefined}>
                        <td data-label="Dispute">
                          <Link to={`/disputes/${encodeURIComponent(row.id)}`}>Order {row.orderId}</Link>
                          <div className="hint">{REASON_WORDS[row.reason] ?? row.reason}</div>
                        </td>
                        <td data-label="Status">
                          {waitingForMe(row) && <span className="badge warn">Waiting for you</span>} {statusWords(row.status)}
                        </td>
                        <td data-label="Next step">{row.whoseTurn ? row.whoseTurn.reason : 'Nothing: the dispute has ended.'}</td>
                        <td data-label="Respond by">{row.sellerResponseDueAt ? <Deadline at={row.sellerResponseDueAt} /> : row.whoseTurn?.role === 'SELLER' && row.whoseTurn.dueAt ? <Deadline at={row.whoseTurn.dueAt} /> : '—'}</td>
                        <td data-label="Opened">{dateTime(row.openedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {disputes.totalCount > rows.length && <p className="hint">Showing the {rows.length} newest of {disputes.totalCount} disputes.</p>}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
