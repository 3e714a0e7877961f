// CPU per command (issue 18): /proc/<pid>/stat read right, and the arithmetic that turns two
// samples into CPU ms per command and the ratio to the baseline.
import { readFileSync } from 'node:fs';
import { cpuMsBetween, cpuTicksOfStat, perCommand, ratioOf, ticksToMs, totalOf } from '../../fixtures/measures/proc-cpu';

// A real line's shape (kernel 6.x): pid, (comm), state, then fields 4 to 52; utime 1234, stime 567.
const statLine = (comm: string, utime = 1234, stime = 567) =>
  `4242 (${comm}) S 1 4242 4242 0 -1 4194560 12000 0 3 0 ${utime} ${stime} 7 8 20 0 11 0 9876 1234567890 54321 18446744073709551615 1 1 0 0 0 0 0 16781312 134234626 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n`;

describe('reading /proc/<pid>/stat', () => {
  it('adds user and system time, in clock ticks', () => {
    expect(cpuTicksOfStat(statLine('node'))).toBe(1234 + 567);
  });

  it('counts fields from the last parenthesis, so a command name with spaces and parentheses does not shift them', () => {
    expect(cpuTicksOfStat(statLine('postgres: postgres disputes_bench 127.0.0.1(5432) idle', 10, 20))).toBe(30);
    expect(cpuTicksOfStat(statLine(') (evil) ', 3, 4))).toBe(7);
  });

  it('refuses what is not a stat line', () => {
    expect(cpuTicksOfStat('')).toBeNull();
    expect(cpuTicksOfStat('4242 (node) S 1 2 3')).toBeNull();
    expect(cpuTicksOfStat(statLine('node').replace(' 1234 567 ', ' x y '))).toBeNull();
  });

  it('reads this very process', () => {
    const ticks = cpuTicksOfStat(readFileSync('/proc/self/stat', 'utf8'));
    expect(Number.isInteger(ticks)).toBe(true);
    expect(ticks).toBeGreaterThanOrEqual(0);
  });

  it('turns ticks into milliseconds at the clock rate', () => {
    expect(ticksToMs(250, 100)).toBe(2_500);
    expect(ticksToMs(3, 1000)).toBe(3);
  });
});

describe('CPU between two samples of PostgreSQL backends', () => {
  it('counts what each backend spent, a new one whole, and says how many disappeared', () => {
    const before = new Map([
      [1, 100],
      [2, 50],
      [3, 10],
    ]);
    const after = new Map([
      [1, 130],
      [2, 50],
      [4, 7],
    ]);
    expect(cpuMsBetween(before, after)).toEqual({ ms: 30 + 0 + 7, lost: 1 });
  });
});

describe('CPU per command', () => {
  it('divides each process by the commands served, keeping an unreadable one unknown', () => {
    expect(perCommand({ api: 300, worker: 900, temporal: undefined }, 100)).toEqual({ api: 3, worker: 9, temporal: undefined });
    expect(perCommand({ api: 300 }, 0)).toEqual({ api: 0 });
  });

  it('totals the named processes, and gives no total when one is unknown', () => {
    const figures = { api: 3, worker: 9, temporal: 17, postgres: 4, bench: 12 };
    expect(totalOf(figures, ['api', 'worker', 'temporal', 'postgres'])).toBe(33);
    expect(totalOf(figures, ['bench', 'temporal', 'postgres'])).toBe(33);
    expect(totalOf({ ...figures, temporal: undefined }, ['api', 'temporal'])).toBeUndefined();
  });

  it('gives the ratio of ours to the baseline, and none without a baseline', () => {
    expect(ratioOf(39, 30)).toBeCloseTo(1.3);
    expect(ratioOf(39, 0)).toBeUndefined();
    expect(ratioOf(undefined, 30)).toBeUndefined();
  });
});
