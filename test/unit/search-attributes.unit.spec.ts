import { DISPUTE_SEARCH_ATTRIBUTE_KEYS, NEXT_DEADLINE_GRAIN_MS, disputeSearchAttributes, openingSearchAttributes } from '../../libs/contracts/src';
import { decide, defaultPolicy, evolve, initialState, type DisputeState, type OrderFacts } from '../../libs/domain/src';

const order: OrderFacts = {
  orderId: 'order-1',
  buyerId: 'buyer-1',
  sellerId: 'seller-1',
  amountPaid: { amountMinor: 4999, currency: 'EUR' },
  amountRefundedMinor: 0,
  shippedAt: '2026-12-01T10:00:00.000Z',
  deliveryDeadlineAt: '2026-12-10T10:00:00.000Z',
  deliveredAt: null,
  disputesOpened: 0,
  activeDisputeId: null,
};

function openedAt(now: string): DisputeState {
  const decision = decide(
    { type: 'OpenDispute', actor: { role: 'BUYER', id: order.buyerId }, data: { disputeId: 'd-1', orderId: order.orderId, reason: 'NOT_RECEIVED', description: 'Nothing came.', evidence: [], requestedResolution: { kind: 'FULL_REFUND' } } },
    initialState,
    { now, order, policy: defaultPolicy },
  );
  if (!decision.ok) throw new Error(decision.rejection.message);
  return decision.events.reduce(evolve, initialState);
}

const valueOf = (pairs: ReturnType<typeof disputeSearchAttributes>, name: string) => pairs.find((pair) => pair.key.name === name)?.value;

describe('the search attributes of a dispute', () => {
  it('publishes the five keys, the next deadline exact at a grain of 1 ms', () => {
    const state = openedAt('2026-12-05T08:30:12.345Z');
    const pairs = disputeSearchAttributes(order, state, 1);
    expect(pairs.map((pair) => pair.key)).toEqual([...DISPUTE_SEARCH_ATTRIBUTE_KEYS]);
    expect(valueOf(pairs, 'DisputeStatus')).toBe('OPEN');
    expect(valueOf(pairs, 'DisputeNextDeadline')).toEqual(new Date(state.sellerResponseDueAt!));
  });

  it('gives the minute a deadline falls in at the minute grain, so two clocks a request apart agree', () => {
    const api = disputeSearchAttributes(order, openedAt('2026-12-05T08:30:12.345Z'), NEXT_DEADLINE_GRAIN_MS);
    const workflow = disputeSearchAttributes(order, openedAt('2026-12-05T08:30:12.912Z'), NEXT_DEADLINE_GRAIN_MS);
    const due = valueOf(api, 'DisputeNextDeadline') as Date;
    expect(due.getUTCSeconds()).toBe(0);
    expect(due.getUTCMilliseconds()).toBe(0);
    expect(due.getTime()).toBeLessThanOrEqual(Date.parse(openedAt('2026-12-05T08:30:12.345Z').sellerResponseDueAt!));
    expect(valueOf(workflow, 'DisputeNextDeadline')).toEqual(due);
    // A minute that turns between the two is the one case they differ, and the workflow then upserts.
    const later = disputeSearchAttributes(order, openedAt('2026-12-05T08:31:00.001Z'), NEXT_DEADLINE_GRAIN_MS);
    expect(valueOf(later, 'DisputeNextDeadline')).not.toEqual(due);
  });

  it('starts a workflow with every attribute that has a value, and none without', () => {
    const opened = openingSearchAttributes(order, openedAt('2026-12-05T08:30:12.345Z'));
    expect(opened.map((pair) => pair.key.name)).toEqual(['DisputeStatus', 'DisputeOrderId', 'DisputeBuyerId', 'DisputeSellerId', 'DisputeNextDeadline']);
    const noDeadline = openingSearchAttributes(order, { ...openedAt('2026-12-05T08:30:12.345Z'), status: 'CLOSED', sellerResponseDueAt: null, resolutionTargetAt: null });
    expect(noDeadline.map((pair) => pair.key.name)).not.toContain('DisputeNextDeadline');
  });
});
