// An operator's refund retry: after a refund failed (and the automatic retries may have given
// up), SYSTEM orders one more attempt; the saga makes it with a new refund id.
import { refundDue } from '../../libs/domain/src';
import { at, buyer, DAY, HOUR, system } from './support/fixtures';
import { cmd, eur, histories } from './support/histories';
import { given } from './support/spec';

const T = at(3 * DAY);
const operator = { role: 'SYSTEM' as const, id: 'ops-console' };
const failed = () => histories.refundRequested().then(cmd('RecordRefundFailed', system, { refundId: 'refund-1', failureReason: 'Card expired.' }), at(2 * DAY + 2 * HOUR));
const retry = cmd('RetryRefund', operator, { reason: 'The buyer replaced the card.' });

describe('an operator orders a refund retry', () => {
  it('after a failed attempt: recorded with who and why; the next attempt clears the order', () => {
    given(failed().events)
      .when(retry, { now: T })
      .then([{ type: 'RefundRetryOrdered', data: { by: { role: 'SYSTEM', id: 'ops-console' }, reason: 'The buyer replaced the card.', at: T } }]);
    const ordered = failed().then(retry, T);
    expect(ordered.state.refund).toMatchObject({ status: 'FAILED', retryOrderedAt: T, attempts: 1 });
    expect(refundDue(ordered.state)).toEqual(eur(3_000));
    const attempted = ordered.then(cmd('RequestRefund', system, { refundId: 'refund-2' }), T);
    expect(attempted.state.refund).toEqual({ refundId: 'refund-2', amount: eur(3_000), status: 'REQUESTED', attempts: 2, failureReason: null });
  });
  it('refusals: once per failed attempt, only when the latest attempt failed, only the system, with a reason', () => {
    given(failed().then(retry, T).events).when(retry, { now: T }).rejects('CONFLICT');
    given(histories.refundRequested().events).when(retry).rejects('INVALID_STATE');
    given(histories.resolvedWithRefund().events).when(retry).rejects('INVALID_STATE');
    given(histories.closed().events).when(retry).rejects('INVALID_STATE');
    given(histories.negotiating().events).when(retry).rejects('INVALID_STATE');
    given(failed().events).when(cmd('RetryRefund', buyer, { reason: 'Please.' }), { now: T }).rejects('FORBIDDEN');
    given(failed().events).when(cmd('RetryRefund', operator, { reason: '' }), { now: T }).rejects('VALIDATION', 'reason');
  });
  it('a retry that fails again may be ordered again', () => {
    const again = failed()
      .then(retry, T)
      .then(cmd('RequestRefund', system, { refundId: 'refund-2' }), T)
      .then(cmd('RecordRefundFailed', system, { refundId: 'refund-2', failureReason: 'Declined.' }), at(3 * DAY + HOUR));
    expect(again.state.refund?.retryOrderedAt).toBeUndefined();
    const { decision } = given(again.events).when(retry, { now: at(4 * DAY) });
    expect(decision.ok).toBe(true);
  });
});
