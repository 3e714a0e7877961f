import { refundDue } from '../../libs/domain/src';
import { at, auditor, buyer, DAY, HOUR, seller, system } from './support/fixtures';
import { cmd, eur, histories } from './support/histories';
import { given } from './support/spec';

const T = at(3 * DAY);

describe('resolved, refund owed', () => {
  it('the system requests the refund of the agreed amount', () => {
    expect(refundDue(histories.resolvedWithRefund().state)).toEqual(eur(3_000));
    given(histories.resolvedWithRefund().events)
      .when(cmd('RequestRefund', system, { refundId: 'refund-1' }), { now: T })
      .then([{ type: 'RefundRequested', data: { refundId: 'refund-1', amount: eur(3_000), at: T } }]);
  });
  it('a confirmed refund closes the dispute', () => {
    given(histories.refundRequested().events)
      .when(cmd('RecordRefundSucceeded', system, { refundId: 'refund-1', providerReference: 're_123' }), { now: T })
      .then([
        { type: 'RefundSucceeded', data: { refundId: 'refund-1', amount: eur(3_000), providerReference: 're_123', at: T } },
        { type: 'DisputeClosed', data: { refundedMinor: 3_000, at: T } },
      ]);
  });
  it('a failed refund may be retried with a new refund id', () => {
    const failed = histories.refundRequested().then(cmd('RecordRefundFailed', system, { refundId: 'refund-1', failureReason: 'Card expired.' }), T);
    expect(failed.state.refund).toMatchObject({ status: 'FAILED', failureReason: 'Card expired.', attempts: 1 });
    expect(refundDue(failed.state)).toEqual(eur(3_000));
    given(failed.events).when(cmd('RequestRefund', system, { refundId: 'refund-1' }), { now: T }).rejects('CONFLICT', 'refundId');
    const retried = failed.then(cmd('RequestRefund', system, { refundId: 'refund-2' }), T);
    expect(retried.state.refund).toMatchObject({ refundId: 'refund-2', status: 'REQUESTED', attempts: 2 });
  });
  it('only one refund is in flight at a time', () => {
    expect(refundDue(histories.refundRequested().state)).toBeNull();
    given(histories.refundRequested().events).when(cmd('RequestRefund', system, { refundId: 'refund-2' }), { now: T }).rejects('CONFLICT');
  });
  it('records outcomes only for the refund in flight', () => {
    given(histories.resolvedWithRefund().events).when(cmd('RecordRefundSucceeded', system, { refundId: 'refund-1' }), { now: T }).rejects('INVALID_STATE');
    given(histories.refundRequested().events).when(cmd('RecordRefundSucceeded', system, { refundId: 'refund-9' }), { now: T }).rejects('NOT_FOUND', 'refundId');
    given(histories.refundRequested().events).when(cmd('RecordRefundFailed', system, { refundId: 'refund-9', failureReason: 'x' }), { now: T }).rejects('NOT_FOUND', 'refundId');
    given(histories.refundRequested().events).when(cmd('RecordRefundFailed', system, { refundId: 'refund-1', failureReason: '' }), { now: T }).rejects('VALIDATION', 'failureReason');
  });
  it('refunds are the system\u2019s job', () => {
    given(histories.resolvedWithRefund().events).when(cmd('RequestRefund', buyer, { refundId: 'r' }), { now: T }).rejects('FORBIDDEN');
    given(histories.resolvedWithRefund().events).when(cmd('RequestRefund', auditor, { refundId: 'r' }), { now: T }).rejects('FORBIDDEN');
    given(histories.resolvedWithRefund().events).when(cmd('RequestRefund', system, { refundId: '' }), { now: T }).rejects('VALIDATION', 'refundId');
  });
  it('the outcome is fixed: no more talk, offers or withdrawal', () => {
    given(histories.resolvedWithRefund().events).when(cmd('PostMessage', buyer, { messageId: 'm', body: 'x' }), { now: T }).rejects('INVALID_STATE');
    given(histories.resolvedWithRefund().events).when(cmd('WithdrawDispute', buyer, {}), { now: T }).rejects('INVALID_STATE');
    given(histories.resolvedWithRefund().events).when(cmd('MakeOffer', seller, { terms: { kind: 'REPLACEMENT' } }), { now: T }).rejects('INVALID_STATE');
  });
});

describe('closed and withdrawn are terminal', () => {
  it.each([
    ['closed', histories.closed],
    ['withdrawn', histories.withdrawn],
  ])('a %s dispute accepts nothing', (_name, build) => {
    const events = build().events;
    given(events).when(cmd('PostMessage', buyer, { messageId: 'm', body: 'x' }), { now: at(DAY + HOUR * 30) }).rejects('INVALID_STATE');
    given(events).when(cmd('AddEvidence', seller, { evidence: [] }), { now: T }).rejects('INVALID_STATE');
    given(events).when(cmd('WithdrawDispute', buyer, {}), { now: T }).rejects('INVALID_STATE');
    given(events).when(cmd('RequestRefund', system, { refundId: 'r-x' }), { now: T }).rejects('INVALID_STATE');
  });
  it('a withdrawn dispute keeps its id: opening it again conflicts', () => {
    given(histories.withdrawn().events).when(cmd('OpenDispute', buyer, { disputeId: 'dispute-1', orderId: 'order-1', reason: 'NOT_RECEIVED', description: 'x', evidence: [], requestedResolution: { kind: 'FULL_REFUND' } }), { now: T }).rejects('CONFLICT', 'disputeId');
  });
});
