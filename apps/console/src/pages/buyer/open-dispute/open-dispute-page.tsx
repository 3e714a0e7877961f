import { useQuery } from '../../../api/hooks';
import { formatMoney } from '../../../format/money';
import { graphql } from '../../../gql';
import { Link } from '../../../router';
import { Loaded } from '../../../ui/states';
import { orderTitle } from '../order-card';
import { OpenDisputeForm } from './open-dispute-form';
import './open-dispute.css';

const OrderQuery = graphql(`
  query OpenDisputeFormOrder($id: ID!) {
    order(id: $id) {
      id
      title
      amountPaid {
        minorUnits
        currency
        exponent
      }
      amountRefunded {
        minorUnits
      }
      lines {
        lineId
        sku
        title
        quantity
        unitPrice {
          minorUnits
        }
        refunded {
          minorUnits
        }
      }
      disputeEligibility {
        canOpen
        opensUntil
        reason {
          code
          message
        }
      }
    }
  }
`);

/** /orders/:orderId/dispute/new: the guided Open Dispute form, once the order allows one. */
export function OpenDisputePage({ orderId }: { orderId: string }) {
  const order = useQuery(OrderQuery, { id: orderId });
  return (
    <section className="open-dispute" aria-labelledby="open-dispute-title">
      <p className="back">
        <Link to="/orders">← My orders</Link>
      </p>
      <h1 id="open-dispute-title">Open a dispute</h1>
      <Loaded state={order} what="the order">
        {({ order }) => (
          <>
            <p className="order-summary">
              <strong>{orderTitle(order)}</strong> · {formatMoney(order.amountPaid.minorUnits, order.amountPaid.currency)} · <span className="mono">{order.id}</span>
            </p>
            {order.disputeEligibility.canOpen ? (
              <OpenDisputeForm order={order} />
            ) : (
              <p className="notice" role="alert">
                {order.disputeEligibility.reason?.message ?? 'A dispute cannot be opened on this order now.'}
              </p>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}
