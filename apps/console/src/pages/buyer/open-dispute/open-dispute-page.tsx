import { useQuery } from '../../../api/hooks';
import { formatMoney } from '../../../format/money';
import { graphql } from '../../../gql';
import { Link } from '../../../router';
import { Loaded } from '../../../ui/states';
import { orderTitle, WhyNot } from '../order-card';
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
              <strong>{orderTitle(order)}</strong> · <span className="nowrap">{formatMoney(order.amountPaid.minorUnits, order.amountPaid.currency)}</span> · <span className="mono">{order.id}</span>
            </p>
            {order.disputeEligibility.canOpen ? (
              <OpenDisputeForm order={order} />
            ) : (
              <div className="notice" role="alert">
                <WhyNot eligibility={order.disputeEligibility} now={Date.now()} />
              </div>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}
