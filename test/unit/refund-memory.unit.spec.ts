import { RefundSaga } from '../../workflows/dispute/refund-saga';
import { histories } from './support/histories';

/** What the refund saga makes of the memory a previous run handed over (continue-as-new). */
describe('the refund saga across runs', () => {
  const owed = histories.resolvedWithRefund().state;
  const saga = (carried: ConstructorParameters<typeof RefundSaga>[3]) =>
    new RefundSaga({ disputeId: 'dispute-1', orderId: 'order-1' }, () => owed, () => Promise.reject(new Error('not in these specifications')), carried);

  it('a run from before the explicit flag, which marked "given up" with the largest safe retry time, stays given up', () => {
    const carried = saga({ refundRetryAt: Number.MAX_SAFE_INTEGER });
    expect(carried.ready(Date.parse('2100-01-01T00:00:00Z'))).toBe(false);
    expect(carried.nextRetryAt()).toBeNull();
    expect(carried.memory()).toEqual({ refundRetryAt: null, refundGivenUp: true });
  });

  it('a waiting retry wakes the workflow at its time and is ready from then on', () => {
    const carried = saga({ refundRetryAt: 5_000, refundGivenUp: false });
    expect(carried.nextRetryAt()).toBe(5_000);
    expect(carried.ready(4_999)).toBe(false);
    expect(carried.ready(5_000)).toBe(true);
  });

  it('nothing waiting: ready at once while the outcome owes money', () => {
    expect(saga({ refundRetryAt: null }).ready(0)).toBe(true);
    expect(new RefundSaga({ disputeId: 'd', orderId: 'o' }, () => histories.open().state, () => Promise.reject(new Error('unused')), { refundRetryAt: null }).ready(0)).toBe(false);
  });
});
