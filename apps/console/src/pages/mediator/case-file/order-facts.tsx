import { formatMoney } from '../../../format/money';
import { dateTime } from '../../../format/time';
import { Loading, ErrorNote } from '../../../ui/states';
import { openingOf, type History } from './history';
import type { CaseDispute } from './types';

const words = (value: string): string => value.toLowerCase().replace(/_/g, ' ');

/** The order as it stood when the dispute opened (the snapshot refunds are limited by), and what the dispute is about. */
export function OrderFacts({ dispute, history }: { dispute: CaseDispute; history: History }) {
  const opening = openingOf(history);
  const order = opening?.order;
  const covered = new Set(opening?.lineIds ?? []);
  return (
    <section className="panel" aria-labelledby="order-facts">
      <h2 id="order-facts">Order and claim</h2>
      <dl className="facts">
        <dt>Order</dt>
        <dd className="mono">{dispute.orderId}</dd>
        <dt>Reason</dt>
        <dd>
          {words(dispute.reason)}
          {dispute.subReason ? ` · ${words(dispute.subReason)}` : ''}
        </dd>
        <dt>Buyer</dt>
        <dd>{dispute.buyerId}</dd>
        <dt>Seller</dt>
        <dd>{dispute.sellerId}</dd>
        <dt>Opened</dt>
        <dd>{dateTime(dispute.openedAt)}</dd>
        {order ? (
          <>
            <dt>Amount paid</dt>
            <dd>{formatMoney(order.amountPaid.amountMinor, order.amountPaid.currency)}</dd>
            <dt>Refunded before</dt>
            <dd>{formatMoney(order.amountRefundedMinor, order.amountPaid.currency)}</dd>
            <dt>Shipped</dt>
            <dd>{order.shippedAt ? dateTime(order.shippedAt) : 'not shipped'}</dd>
            <dt>Delivered</dt>
            <dd>{order.deliveredAt ? dateTime(order.deliveredAt) : `not confirmed (deadline ${dateTime(order.deliveryDeadlineAt)})`}</dd>
          </>
        ) : null}
        <dt>Refunded in this dispute</dt>
        <dd>{formatMoney(dispute.refunded.minorUnits, dispute.refunded.currency)}</dd>
      </dl>
      {history.status === 'loading' ? <Loading what="the order snapshot" /> : null}
      {history.status === 'error' ? <ErrorNote error={history.error} /> : null}
      {order?.lines && order.lines.length > 0 ? (
        <div className="table-scroll">
          <table>
            <caption className="hint">Order lines{covered.size > 0 ? ' (the dispute covers those marked)' : ''}</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">SKU</th>
                <th scope="col">Qty</th>
                <th scope="col">Unit price</th>
                {covered.size > 0 ? <th scope="col">Disputed</th> : null}
              </tr>
            </thead>
            <tbody>
              {order.lines.map((line) => (
                <tr key={line.lineId}>
                  <td>{line.title}</td>
                  <td className="mono">{line.sku}</td>
                  <td>{line.quantity}</td>
                  <td>{formatMoney(line.unitPrice.amountMinor, line.unitPrice.currency)}</td>
                  {covered.size > 0 ? <td>{covered.has(line.lineId) ? 'yes' : 'no'}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
