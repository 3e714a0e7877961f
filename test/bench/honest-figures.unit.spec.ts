// The bench's figures say what happened: medians with their spread, every retry counted, a
// realistic history, and no headline quoted from a level that was not measured (issue 18).
// The bench's arithmetic lives in fixtures/measures (tests import no bench code).
import { levelAt } from '../../fixtures/measures/levels';
import { withCountedRetries, type RetryCount } from '../../fixtures/measures/retry';
import { quantile, summariseRuns } from '../../fixtures/measures/runs';
import { buildLifecycleHistories, buildLifecycleHistory } from '../../fixtures/history-builder';
import { verifyChain } from '../../libs/audit/src';
import { fold } from '../../libs/domain/src';

describe('timed runs', () => {
  it('report the median run as the figure, with the best, the slowest and the quartiles beside it', () => {
    const result = summariseRuns([40, 10, 20, 30, 100], 1_000);
    expect(result.medianMs).toBe(30);
    expect(result.eventsPerSecond).toBe(33_333);
    expect(result.bestMs).toBe(10);
    expect(result.bestEventsPerSecond).toBe(100_000);
    expect(result.spreadMs).toEqual({ min: 10, p25: 20, p75: 40, max: 100 });
    // The slowest run is the lowest rate.
    expect(result.spreadEventsPerSecond).toEqual({ min: 10_000, p25: 25_000, p75: 50_000, max: 100_000 });
    expect(result.runs).toBe(5);
  });

  it('interpolate the median of an even number of runs', () => {
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(summariseRuns([20, 10], 100).medianMs).toBe(15);
  });

  it('refuse to summarise no runs at all', () => {
    expect(() => summariseRuns([], 100)).toThrow('no timed runs');
  });
});

describe('a retried operation', () => {
  it('counts every failed attempt that was retried', async () => {
    const count: RetryCount = { retries: 0 };
    let calls = 0;
    const open = async () => {
      calls += 1;
      if (calls < 3) throw new Error(`DEADLINE_EXCEEDED ${calls}`);
      return 'dispute';
    };
    const reasons: string[] = [];
    await expect(withCountedRetries(open, count, (reason) => reasons.push(reason))).resolves.toBe('dispute');
    expect(count).toEqual({ retries: 2, firstReason: 'DEADLINE_EXCEEDED 1' });
    expect(reasons).toEqual(['DEADLINE_EXCEEDED 1', 'DEADLINE_EXCEEDED 2']);
  });

  it('gives up after the last attempt, with the retries before it counted', async () => {
    const count: RetryCount = { retries: 0 };
    await expect(withCountedRetries(() => Promise.reject(new Error('down')), count, undefined, 3)).rejects.toThrow('down');
    expect(count.retries).toBe(2);
  });

  it('counts nothing when the first attempt succeeds', async () => {
    const count: RetryCount = { retries: 0 };
    await withCountedRetries(async () => 'ok', count);
    expect(count).toEqual({ retries: 0 });
  });
});

describe('the headline concurrency', () => {
  it('is found only at its own level, never another in its place', () => {
    expect(levelAt([{ concurrency: 1 }, { concurrency: 8 }], 8)?.concurrency).toBe(8);
    expect(levelAt([{ concurrency: 1 }, { concurrency: 4 }], 8)).toBeUndefined();
  });
});

describe('the replay history', () => {
  it('is whole disputes from real commands, with a mix of events and not mostly messages', () => {
    const histories = buildLifecycleHistories(1_000);
    const events = histories.flatMap((history) => history.events);
    expect(events.length).toBeGreaterThanOrEqual(1_000);
    const types = new Set(events.map((event) => event.type));
    for (const type of ['DisputeOpened', 'OfferMade', 'OfferRejected', 'OfferAccepted', 'DisputeEscalated', 'MediatorAssigned', 'DecisionIssued', 'AppealFiled', 'AppealDecided', 'DisputeResolved']) expect(types).toContain(type);
    const messages = events.filter((event) => event.type === 'MessagePosted').length;
    expect(messages / events.length).toBeLessThan(0.3);
    for (const history of histories) expect(verifyChain(history.chain).valid).toBe(true);
  });

  it('ends each dispute resolved, settled or after an appeal', () => {
    expect(fold(buildLifecycleHistory(true).events).status).toBe('RESOLVED');
    expect(fold(buildLifecycleHistory(false).events).status).toBe('RESOLVED');
  });
});
