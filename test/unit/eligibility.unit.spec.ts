import { decide, defaultPolicy, disputeEligibility, initialState, type Actor, type OrderFacts } from '../../libs/domain/src';
import { addMs, humanTime } from '../../libs/domain/src/time';
import { auditor, buyer, DAY, DELIVERY_DEADLINE_AT, mediator, OPENED_AT, openData, order, otherBuyer, seller, SHIPPED_AT, system, upload, photo } from './support/fixtures';

/** What openDispute itself answers for this actor, order and time (the evidence cited is the actor's own upload). */
function openDisputeAnswer(actor: Actor, facts: OrderFacts | null, now: string) {
  const decision = decide({ type: 'OpenDispute', actor, data: openData() }, initialState, { now, order: facts, policy: defaultPolicy, evidenceFiles: [upload(photo(1), actor)] });
  return decision.ok ? null : decision.rejection;
}

const windowCloses = addMs(DELIVERY_DEADLINE_AT, defaultPolicy.openingWindowAfterDeliveryMs);

describe('dispute eligibility: openDispute\u2019s rule asked ahead of time', () => {
  const cases: Array<[string, Actor, OrderFacts | null, string, string | null]> = [
    ['the buyer of a shipped order inside the window', buyer, order, OPENED_AT, null],
    ['a seller (role)', seller, order, OPENED_AT, 'FORBIDDEN'],
    ['a mediator (role)', mediator, order, OPENED_AT, 'FORBIDDEN'],
    ['an auditor (role)', auditor, order, OPENED_AT, 'FORBIDDEN'],
    ['the system (role)', system, order, OPENED_AT, 'FORBIDDEN'],
    ['another buyer (someone else\u2019s order looks missing)', otherBuyer, order, OPENED_AT, 'NOT_FOUND'],
    ['no such order', buyer, null, OPENED_AT, 'NOT_FOUND'],
    ['an order with an active dispute (one at a time)', buyer, { ...order, disputesOpened: 1, activeDisputeId: 'dispute-0' }, OPENED_AT, 'CONFLICT'],
    ['an order that has had the policy\u2019s maximum', buyer, { ...order, disputesOpened: defaultPolicy.maxDisputesPerOrder }, OPENED_AT, 'CONFLICT'],
    ['an order not shipped yet', buyer, { ...order, shippedAt: null }, OPENED_AT, 'INVALID_STATE'],
    ['an order shipping later', buyer, { ...order, shippedAt: addMs(OPENED_AT, DAY) }, OPENED_AT, 'INVALID_STATE'],
    ['after the protection window (undelivered: from the delivery deadline)', buyer, order, windowCloses, 'DEADLINE_PASSED'],
    ['after the protection window (from delivery)', buyer, { ...order, deliveredAt: SHIPPED_AT }, addMs(SHIPPED_AT, defaultPolicy.openingWindowAfterDeliveryMs), 'DEADLINE_PASSED'],
    ['an order paid in a code ISO 4217 does not list', buyer, { ...order, amountPaid: { amountMinor: 100, currency: 'XXX' } }, OPENED_AT, 'VALIDATION'],
  ];

  it.each(cases)('%s', (_name, actor, facts, now, code) => {
    const eligibility = disputeEligibility({ actor, order: facts, policy: defaultPolicy, now });
    expect(eligibility.canOpen).toBe(code === null);
    expect(eligibility.reason?.code ?? null).toBe(code);
    // The very same refusal openDispute gives: code, sentence and field.
    expect(eligibility.reason).toEqual(openDisputeAnswer(actor, facts, now));
  });

  it('shows when the window closes: from delivery when confirmed, else from the delivery deadline', () => {
    expect(disputeEligibility({ actor: buyer, order, policy: defaultPolicy, now: OPENED_AT }).opensUntil).toBe(windowCloses);
    const delivered = { ...order, deliveredAt: '2026-11-22T08:00:00.000Z' };
    expect(disputeEligibility({ actor: buyer, order: delivered, policy: defaultPolicy, now: OPENED_AT }).opensUntil).toBe(addMs(delivered.deliveredAt, defaultPolicy.openingWindowAfterDeliveryMs));
    expect(disputeEligibility({ actor: buyer, order: null, policy: defaultPolicy, now: OPENED_AT }).opensUntil).toBeNull();
  });

  it('counts the disputes left, withdrawn ones included, never below zero', () => {
    const left = (disputesOpened: number) => disputeEligibility({ actor: buyer, order: { ...order, disputesOpened }, policy: defaultPolicy, now: OPENED_AT }).disputesLeft;
    expect([left(0), left(1), left(2), left(5)]).toEqual([2, 1, 0, 0]);
    expect(disputeEligibility({ actor: buyer, order: null, policy: defaultPolicy, now: OPENED_AT }).disputesLeft).toBe(0);
  });

  it('the window closes at opensUntil exactly: open a millisecond before, refused at it', () => {
    const before = disputeEligibility({ actor: buyer, order, policy: defaultPolicy, now: addMs(windowCloses, -1) });
    const at = disputeEligibility({ actor: buyer, order, policy: defaultPolicy, now: windowCloses });
    expect([before.canOpen, at.canOpen, at.reason?.code]).toEqual([true, false, 'DEADLINE_PASSED']);
  });

  it('says when the window closed in the sentences\u2019 time format (humanTime), not as a raw ISO-8601 string', () => {
    const late = disputeEligibility({ actor: buyer, order, policy: defaultPolicy, now: addMs(windowCloses, DAY) });
    // 15 days after the delivery deadline of 2026-12-10T10:00:00.000Z, without the zero milliseconds.
    expect(late.reason?.message).toBe('The protection window for this order closed at 2026-12-25T10:00:00Z.');
    expect(late.reason?.message).toBe(`The protection window for this order closed at ${humanTime(late.opensUntil!)}.`);
    expect(late.reason?.message).not.toContain(late.opensUntil!);
  });

  it('refuses a time that is not ISO-8601 loudly (a caller\u2019s bug, never an answer)', () => {
    expect(() => disputeEligibility({ actor: buyer, order, policy: defaultPolicy, now: 'yesterday' })).toThrow(/ISO-8601/);
  });
});
