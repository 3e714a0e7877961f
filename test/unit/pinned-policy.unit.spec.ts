import { defaultPolicy, initialState, withoutPolicy, withPinnedPolicy, type DisputeState } from '../../libs/domain/src';

const opened: DisputeState = { ...initialState, status: 'OPEN', version: 1, disputeId: 'd-1', policy: defaultPolicy };

describe('the pinned policy, sent through Temporal only with the opening', () => {
  it('leaves the policy out and nothing else', () => {
    const sent = withoutPolicy(opened);
    expect('policy' in sent).toBe(false);
    expect({ ...sent, policy: defaultPolicy }).toEqual(opened);
  });

  it('puts back the policy the receiver holds when the state came without one', () => {
    expect(withPinnedPolicy(withoutPolicy(opened), defaultPolicy)).toEqual(opened);
  });

  it('keeps what a sender on older code sent, even a dispute without a policy', () => {
    const other = { ...defaultPolicy, version: 'another' };
    expect(withPinnedPolicy(opened, other)).toEqual(opened);
    expect(withPinnedPolicy({ ...opened, policy: null }, other).policy).toBeNull();
  });
});
