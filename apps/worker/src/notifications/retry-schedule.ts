/** When to try a failed webhook delivery again, and when to stop. */
export interface RetrySchedule {
  initialDelayMs: number;
  backoffCoefficient: number;
  maximumDelayMs: number;
  /** Attempts in all, the first included. */
  maximumAttempts: number;
}

/**
 * The retry policy the deliverNotification activity had (2 s doubling up to 30 min, 60
 * attempts: about 25 hours), so moving delivery to the outbox changes no receiver's experience.
 */
export const WEBHOOK_RETRIES: RetrySchedule = {
  initialDelayMs: 2_000,
  backoffCoefficient: 2,
  maximumDelayMs: 30 * 60 * 1000,
  maximumAttempts: 60,
};

/** The wait after the given failed attempt (1 = the first), or null when the budget is spent. */
export function delayAfterAttempt(schedule: RetrySchedule, attempt: number): number | null {
  if (attempt >= schedule.maximumAttempts) return null;
  return Math.min(schedule.initialDelayMs * schedule.backoffCoefficient ** (attempt - 1), schedule.maximumDelayMs);
}
