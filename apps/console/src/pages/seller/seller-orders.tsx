import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import { graphql } from '../../gql';
import { statusWords } from '../../format/dispute-words';
import { formatMoney } from '../../format/money';
import { dateTime } from '../../format/time';
import { Link } from '../../router';
import { Empty, Loaded } from '../../ui/states';

const SellerOrdersQuery = graphql(`
  query SellerOrders($after: String) {
    orders(first: 20, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          title
          placedAt
          deliveredAt
          buyerId
          amountPaid {
            currency
            minorUnits
          }
          lines {
            lineId
            title
            quantity
          }
          disputes {
            id
            status
          }
        }
      }
    }
  }
`);

/** The seller's sales, newest placement first, a page at a time, with each order's disputes. */
export function SellerOrders() {
  // The cursors of the pages seen so far, so "Previous page" goes back without a cursor of its own.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const state = useQuery(SellerOrdersQuery, { after: cursors[cursors.length - 1] });
  return (
    <section className="panel" aria-labelledby="seller-orders-heading">
      <h2 id="seller-orders-heading">Orders</h2>
      <Loaded state={state} what="your orders">
        {({ orders }) =>
          orders.edges.length === 0 ? (
            <Empty>No orders yet.</Empty>
          ) : (
            <>
              <div className="table-scroll cards-on-phone">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Order</th>
                      <th scope="col">Amount</th>
                      <th scope="col">Placed</th>
                      <th scope="col">Delivered</th>
                      <th scope="col">Dispute</th>
                    </tr>
                  </thead>
                  <tbody>
                    {orders.edges.map(({ node: order }) => (
                      <tr key={order.id}>
                        <td data-label="Order">
                          <span className="mono">{order.id}</span>
                          <div className="hint">{order.title ?? (order.lines.map((line) => `${line.quantity} × ${line.title}`).join(', ') || 'No lines given')}</div>
                        </td>
                        <td data-label="Amount">{formatMoney(order.amountPaid.minorUnits, order.amountPaid.currency)}</td>
                        <td data-label="Placed">{dateTime(order.placedAt)}</td>
                        <td data-label="Delivered">{order.deliveredAt ? dateTime(order.deliveredAt) : 'Not confirmed'}</td>
                        <td data-label="Dispute">
                          {order.disputes.length === 0
                            ? 'None'
                            : order.disputes.map((dispute) => (
                                <div key={dispute.id}>
                                  <Link to={`/disputes/${encodeURIComponent(dispute.id)}`}>{statusWords(dispute.status)}</Link>
                                </div>
                              ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="pager">
                <button type="button" className="quiet" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                  Previous page
                </button>
                <button type="button" className="quiet" disabled={!orders.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, orders.pageInfo.endCursor])}>
                  Next page
                </button>
                <span className="hint">{orders.totalCount} orders</span>
              </div>
            </>
          )
        }
      </Loaded>
    </section>
  );
}
