import { WEBHOOK_RETRIES, delayAfterAttempt } from '../../apps/worker/src/notifications/retry-schedule';

describe('the webhook retry schedule of the notification outbox', () => {
  const waits = Array.from({ length: WEBHOOK_RETRIES.maximumAttempts }, (_, index) => delayAfterAttempt(WEBHOOK_RETRIES, index + 1));

  it('doubles from 2 s up to 30 minutes, like the deliverNotification activity’s retry policy', () => {
    expect(waits.slice(0, 11)).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 1800].map((seconds) => seconds * 1000));
    expect(waits.slice(11, -1).every((wait) => wait === 30 * 60 * 1000)).toBe(true);
  });

  it('gives up after the 60th attempt, about a day after the first', () => {
    expect(waits[waits.length - 1]).toBeNull();
    const total = waits.reduce<number>((sum, wait) => sum + (wait ?? 0), 0);
    expect(total / 3_600_000).toBeGreaterThan(24);
    expect(total / 3_600_000).toBeLessThan(26);
  });
});
