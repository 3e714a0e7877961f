import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';

/**
 * Since this patch the workflow keeps one timer for its next wake-up while that moment stands.
 * Before it, every state change (each message, offer, claim) cancelled the timer and started the
 * same one again: two history events, two commands and a timer task in Temporal per command. The
 * same patch starts the opening's grace timer only for an opening that was not accepted.
 */
export const STEADY_WAKE_TIMER = 'steady-wake-timer';

/**
 * The dispute's one timer: armed for the next moment something must happen without a command
 * (a deadline, a refund retry), moved only when that moment moves.
 */
export class WakeAlarm {
  private armedAt: number | null = null;
  private scope: CancellationScope | null = null;
  /** The armed moment has come; the workflow body fires what is due and sets the next one. */
  rang = false;

  /** Arms the timer for `at` (epoch ms), or disarms it for null; an unchanged moment keeps the running timer. */
  set(at: number | null): void {
    if (at === this.armedAt && !this.rang) return;
    this.scope?.cancel();
    this.scope = null;
    this.armedAt = at;
    this.rang = false;
    if (at === null) return;
    const scope = new CancellationScope();
    this.scope = scope;
    void scope
      .run(() => sleep(Math.max(at - Date.now(), 1)))
      .then(
        () => {
          if (this.scope === scope) this.rang = true;
        },
        (error: unknown) => {
          // Moved or disarmed: the cancelled timer is expected. Anything else is a bug the task must surface.
          if (!isCancellation(error)) throw error;
        },
      );
  }
}
