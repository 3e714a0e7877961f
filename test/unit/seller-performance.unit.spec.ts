// Seller performance and the domain metrics' arithmetic: the facts a dispute's state gives, the
// figures of a cohort of facts, the window one may ask for, and what a committed batch counts.
import {
  checkPerformanceWindow,
  countBy,
  domainObservationsOf,
  initialState,
  median,
  secondsBetween,
  sellerDisputeFactsOf,
  sellerPerformanceOf,
  share,
  sumByCurrency,
  type DisputeEvent,
  type SellerDisputeFacts,
} from '../../libs/domain/src';
import { at, DAY, HOUR, OPENED_AT } from './support/fixtures';
import { eur, histories } from './support/histories';

describe('the arithmetic', () => {
  it('median: the middle value, the mean of the middle two, none for nothing', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([1, 2])).toBe(1.5);
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
  it('share: a fraction to four decimals, null without a whole', () => {
    expect(share(1, 3)).toBe(0.3333);
    expect(share(2, 3)).toBe(0.6667);
    expect(share(0, 5)).toBe(0);
    expect(share(5, 5)).toBe(1);
    expect(share(0, 0)).toBeNull();
    expect(share(3, -1)).toBeNull();
  });
  it('sums per currency, never across currencies, sorted by code', () => {
    expect(sumByCurrency([])).toEqual([]);
    expect(
      sumByCurrency([
        { amountMinor: 1_000, currency: 'EUR' },
        { amountMinor: 500, currency: 'JPY' },
        { amountMinor: 250, currency: 'EUR' },
        { amountMinor: 1, currency: 'CHF' },
      ]),
    ).toEqual([
      { amountMinor: 1, currency: 'CHF' },
      { amountMinor: 1_250, currency: 'EUR' },
      { amountMinor: 500, currency: 'JPY' },
    ]);
  });
  it('counts by key, sorted by key', () => {
    expect(countBy(['b', 'a', 'b', 'c', 'b'])).toEqual([
      { key: 'a', count: 1 },
      { key: 'b', count: 3 },
      { key: 'c', count: 1 },
    ]);
    expect(countBy([])).toEqual([]);
  });
  it('seconds between two instants, rounded', () => {
    expect(secondsBetween(OPENED_AT, at(HOUR))).toBe(3_600);
    expect(secondsBetween(at(HOUR), OPENED_AT)).toBe(-3_600);
    expect(secondsBetween(OPENED_AT, at(1_499))).toBe(1);
    expect(secondsBetween(OPENED_AT, 'not a time')).toBeNaN();
  });
});

describe('the facts of a dispute', () => {
  it('none before the dispute is opened', () => {
    expect(sellerDisputeFactsOf(initialState)).toBeNull();
  });
  it('an open dispute: opened, due, not answered, no outcome', () => {
    const state = histories.open().state;
    expect(sellerDisputeFactsOf(state)).toEqual({
      disputeId: state.disputeId,
      sellerId: 'seller-1',
      orderId: state.orderId,
      version: state.version,
      openedAt: OPENED_AT,
      sellerResponseDueAt: state.sellerResponseDueAt,
      firstResponseAt: null,
      escalated: false,
      outcomeKind: null,
      resolvedAt: null,
      resolutionTargetAt: state.resolutionTargetAt,
      withdrawnAt: null,
      refunded: null,
    });
  });
  it('the first response, the escalation, and (later) a decided outcome', () => {
    expect(sellerDisputeFactsOf(histories.negotiating().state)).toMatchObject({ firstResponseAt: at(DAY), escalated: false });
    expect(sellerDisputeFactsOf(histories.escalated().state)).toMatchObject({ firstResponseAt: at(DAY), escalated: true, outcomeKind: null });
  });
  it('an agreed refund: the outcome on resolution, the money once it succeeded', () => {
    expect(sellerDisputeFactsOf(histories.resolvedWithRefund().state)).toMatchObject({ outcomeKind: 'PARTIAL_REFUND', resolvedAt: at(2 * DAY), refunded: null });
    expect(sellerDisputeFactsOf(histories.refundRequested().state)).toMatchObject({ refunded: null });
    expect(sellerDisputeFactsOf(histories.closed().state)).toMatchObject({ outcomeKind: 'PARTIAL_REFUND', refunded: eur(3_000) });
  });
  it('a withdrawn dispute', () => {
    expect(sellerDisputeFactsOf(histories.withdrawn().state)).toMatchObject({ withdrawnAt: at(HOUR), outcomeKind: null, resolvedAt: null });
  });
  it('falls back to the opening for times a malformed state lacks', () => {
    const state = { ...histories.open().state, sellerId: null, orderId: null, sellerResponseDueAt: null, resolutionTargetAt: null };
    expect(sellerDisputeFactsOf(state)).toMatchObject({ sellerId: '', orderId: '', sellerResponseDueAt: OPENED_AT, resolutionTargetAt: OPENED_AT });
  });
});

const fact = (overrides: Partial<SellerDisputeFacts>): SellerDisputeFacts => ({
  disputeId: 'd',
  sellerId: 'seller-1',
  orderId: 'o',
  version: 1,
  openedAt: OPENED_AT,
  sellerResponseDueAt: at(3 * DAY),
  firstResponseAt: null,
  escalated: false,
  outcomeKind: null,
  resolvedAt: null,
  resolutionTargetAt: at(15 * DAY),
  withdrawnAt: null,
  refunded: null,
  ...overrides,
});

describe('the figures of a seller', () => {
  it('no disputes and no orders: counts at zero, no shares, no median', () => {
    expect(sellerPerformanceOf([], 0, at(DAY))).toEqual({
      disputes: 0,
      orders: 0,
      disputesPerOrder: null,
      responded: 0,
      unanswered: 0,
      medianFirstResponseSeconds: null,
      escalated: 0,
      escalatedShare: null,
      outcomes: [],
      withdrawn: 0,
      targetDue: 0,
      resolvedWithinTarget: 0,
      resolvedWithinTargetShare: null,
      refunded: [],
    });
  });

  it('a cohort: every figure', () => {
    const now = at(20 * DAY);
    const facts = [
      // answered in 1 h, agreed a partial refund in EUR within target
      fact({ firstResponseAt: at(HOUR), outcomeKind: 'PARTIAL_REFUND', resolvedAt: at(2 * DAY), refunded: eur(3_000) }),
      // answered in 3 h, escalated, decided a full refund in JPY after the target
      fact({ firstResponseAt: at(3 * HOUR), escalated: true, outcomeKind: 'FULL_REFUND', resolvedAt: at(16 * DAY), refunded: { amountMinor: 5_000, currency: 'JPY' } }),
      // never answered, escalated for no response, decided: no refund, exactly at the target
      fact({ escalated: true, outcomeKind: 'NO_REFUND', resolvedAt: at(15 * DAY) }),
      // answered in 2 h, still running past its target: due and missed
      fact({ firstResponseAt: at(2 * HOUR), escalated: true }),
      // answered in 4 h, refunded in EUR too
      fact({ firstResponseAt: at(4 * HOUR), outcomeKind: 'PARTIAL_REFUND', resolvedAt: at(DAY), refunded: eur(1_000) }),
      // withdrawn before any answer: unanswered, not in the target share
      fact({ withdrawnAt: at(HOUR) }),
    ];
    expect(sellerPerformanceOf(facts, 12, now)).toEqual({
      disputes: 6,
      orders: 12,
      disputesPerOrder: 0.5,
      responded: 4,
      unanswered: 2,
      medianFirstResponseSeconds: 2.5 * 3_600,
      escalated: 3,
      escalatedShare: 0.5,
      outcomes: [
        { kind: 'FULL_REFUND', count: 1 },
        { kind: 'NO_REFUND', count: 1 },
        { kind: 'PARTIAL_REFUND', count: 2 },
      ],
      withdrawn: 1,
      targetDue: 5,
      resolvedWithinTarget: 3,
      resolvedWithinTargetShare: 0.6,
      refunded: [eur(4_000), { amountMinor: 5_000, currency: 'JPY' }],
    });
  });

  it('a dispute still awaiting its answer or its target is in neither count yet', () => {
    const waiting = fact({});
    expect(sellerPerformanceOf([waiting], 1, at(DAY))).toMatchObject({ responded: 0, unanswered: 0, targetDue: 0, resolvedWithinTargetShare: null });
    // Once its response window has passed it is unanswered; once its target has passed, due and missed.
    expect(sellerPerformanceOf([waiting], 1, at(3 * DAY))).toMatchObject({ unanswered: 1, targetDue: 0 });
    expect(sellerPerformanceOf([waiting], 1, at(16 * DAY))).toMatchObject({ unanswered: 1, targetDue: 1, resolvedWithinTarget: 0, resolvedWithinTargetShare: 0 });
  });

  it('a resolved dispute without a recorded outcome kind counts as resolved, not as an outcome', () => {
    expect(sellerPerformanceOf([fact({ firstResponseAt: at(HOUR), resolvedAt: at(DAY) })], 1, at(2 * DAY))).toMatchObject({ outcomes: [], targetDue: 1, resolvedWithinTarget: 1 });
  });
});

describe('the window one may ask for', () => {
  it('from before to, at most 366 days', () => {
    expect(checkPerformanceWindow('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toBeNull();
    expect(checkPerformanceWindow('2028-01-01T00:00:00Z', '2029-01-01T00:00:00Z')).toBeNull();
    expect(checkPerformanceWindow('2026-01-01T00:00:00Z', '2027-01-02T00:00:00.001Z')).toMatchObject({ code: 'VALIDATION', field: 'to' });
    expect(checkPerformanceWindow('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')).toMatchObject({ code: 'VALIDATION', field: 'to', message: expect.stringContaining('after') });
    expect(checkPerformanceWindow('2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z')).toMatchObject({ code: 'VALIDATION', field: 'to' });
    expect(checkPerformanceWindow('yesterday', '2026-01-01T00:00:00Z')).toMatchObject({ code: 'VALIDATION', field: 'from' });
    expect(checkPerformanceWindow('2026-01-01T00:00:00Z', 'soon')).toMatchObject({ code: 'VALIDATION', field: 'to' });
  });
});

describe('what a committed batch counts for the domain metrics', () => {
  it('nothing for events that change no metric', () => {
    const opened = histories.open();
    expect(domainObservationsOf(opened.events, opened.state)).toEqual({ slaBreaches: [], resolutions: [], refunds: [] });
  });
  it('a resolution: opened to resolved, and whether it met the target', () => {
    const resolved = histories.resolvedWithRefund();
    const batch = resolved.events.slice(-2);
    expect(batch.map((event) => event.type)).toContain('DisputeResolved');
    expect(domainObservationsOf(batch, resolved.state).resolutions).toEqual([{ seconds: 2 * 24 * 3_600, withinTarget: true }]);
    const late = { ...resolved.state, resolutionTargetAt: at(DAY) };
    expect(domainObservationsOf(batch, late).resolutions).toEqual([{ seconds: 2 * 24 * 3_600, withinTarget: false }]);
    // A state without a target is measured against its opening.
    expect(domainObservationsOf(batch, { ...resolved.state, resolutionTargetAt: null }).resolutions).toEqual([{ seconds: 2 * 24 * 3_600, withinTarget: false }]);
    // A state that was never opened has nothing to measure from.
    expect(domainObservationsOf(batch, initialState).resolutions).toEqual([]);
  });
  it('a refund that succeeded, by the outcome it pays and its currency', () => {
    const closed = histories.closed();
    const batch = closed.events.slice(-2);
    expect(domainObservationsOf(batch, closed.state).refunds).toEqual([{ outcome: 'PARTIAL_REFUND', currency: 'EUR', amountMinor: 3_000 }]);
    expect(domainObservationsOf(batch, { ...closed.state, outcome: null }).refunds).toEqual([{ outcome: 'NONE', currency: 'EUR', amountMinor: 3_000 }]);
  });
  it('an SLA breach, by stage', () => {
    const breach: DisputeEvent = { type: 'MediationSlaBreached', data: { stage: 'APPEAL', slaDueAt: at(DAY), mediatorId: null, at: at(DAY) } };
    expect(domainObservationsOf([breach], histories.escalated().state).slaBreaches).toEqual([{ stage: 'APPEAL' }]);
  });
});
