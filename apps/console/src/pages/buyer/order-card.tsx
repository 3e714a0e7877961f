import { formatMoney } from '../../format/money';
import { dateTime } from '../../format/time';
import { Link } from '../../router';
import { Deadline, useNow } from '../../ui/deadline';
import type { MyOrder } from './my-orders';
import { STATUS_WORDS } from './words';

/** What the order is: the feed's title, else its lines ("2 × Phone case, 1 × Charger"). */
export const orderTitle = (order: { id: string; title?: string | null; lines: readonly { title: string; quantity: number }[] }): string =>
  order.title ?? (order.lines.length > 0 ? order.lines.map((line) => `${line.quantity} × ${line.title}`).join(', ') : `Order ${order.id}`);

interface Eligibility {
  opensUntil?: string | null;
  reason?: { code: string; message: string } | null;
}

/** Why no dispute can be opened now, and until when one could be (or could have been). */
export function WhyNot({ eligibility: { opensUntil, reason }, now }: { eligibility: Eligibility; now: number }) {
  const ended = opensUntil !== null && opensUntil !== undefined && new Date(opensUntil).getTime() <= now;
  return (
    <>
      {/* A closed window is said once, in words: the API's sentence carries the same moment as a bare timestamp. */}
      {reason && reason.code !== 'DEADLINE_PASSED' && <p>{reason.message}</p>}
      {opensUntil && (
        <p className={reason?.code === 'DEADLINE_PASSED' ? undefined : 'hint'}>
          {ended ? 'The protection window ended on ' : 'The protection window is open until '}
          <time dateTime={opensUntil}>{dateTime(opensUntil)}</time>.
        </p>
      )}
    </>
  );
}

/** One order of My Orders: what, how much, when, its dispute, and whether one can be opened. */
export function OrderCard({ order }: { order: MyOrder }) {
  const now = useNow();
  const headingId = `order-${order.id}`;
  const dispute = order.disputes[0];
  const { canOpen, opensUntil } = order.disputeEligibility;
  return (
    <li className="order panel" aria-labelledby={headingId}>
      <div className="order-head">
        <h2 id={headingId}>{orderTitle(order)}</h2>
        <p className="amount">{formatMoney(order.amountPaid.minorUnits, order.amountPaid.currency)}</p>
      </div>
      <dl className="order-facts">
        <div>
          <dt>Order</dt>
          <dd className="mono">{order.id}</dd>
        </div>
        <div>
          <dt>Placed</dt>
          <dd>{dateTime(order.placedAt)}</dd>
        </div>
        <div>
          <dt>Shipped</dt>
          <dd>{order.shippedAt ? dateTime(order.shippedAt) : 'Not yet'}</dd>
        </div>
        <div>
          <dt>{order.deliveredAt ? 'Delivered' : 'Delivery due'}</dt>
          <dd>{dateTime(order.deliveredAt ?? order.deliveryDeadlineAt)}</dd>
        </div>
      </dl>
      {dispute && (
        <p className="order-dispute">
          Dispute: <span className="badge">{STATUS_WORDS[dispute.status]}</span>{' '}
          <Link to={`/disputes/${dispute.id}`}>View the dispute</Link>
        </p>
      )}
      {canOpen ? (
        <p className="order-action">
          <Link className="button" to={`/orders/${encodeURIComponent(order.id)}/dispute/new`} aria-label={`Open dispute on order ${order.id}`}>
            Open dispute
          </Link>
          {opensUntil && (
            <span className="hint">
              {' '}
              Possible until <Deadline at={opensUntil} />
            </span>
          )}
        </p>
      ) : (
        <div className="order-closed">
          <WhyNot eligibility={order.disputeEligibility} now={now} />
        </div>
      )}
    </li>
  );
}
