import { log, proxyActivities } from '@temporalio/workflow';
import type { DisputeActivities, NotificationInput } from '../../libs/contracts/src';

/**
 * Since this patch a batch's notifications travel in the append's input and are written to the
 * outbox in the events' transaction; a dispatcher in the worker delivers them, so a command costs
 * one activity instead of one plus one per recipient.
 *
 * This file is the path from before it, kept only for replay: histories recorded before the
 * patch scheduled one deliverNotification activity per recipient after each append, and runs
 * continued from them carry the deliveries still in flight (`undeliveredNotifications`). It can
 * go once no workflow run started before the outbox deploy is still open (docs/versioning.md,
 * "Patches in the code"): then `deprecatePatch`, and a deploy later delete this file, the memory
 * field and the deliverNotification activity.
 */
export const NOTIFICATION_OUTBOX = 'notification-outbox';

// Best effort with a long tail, about a day of retries, then given up. The outbox dispatcher keeps the same budget.
const notifier = proxyActivities<DisputeActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 60 },
});

/** Notification activities of the old path, in flight; not awaited by the commands that caused them. */
export class LegacyNotifications {
  private readonly inFlight = new Map<Promise<unknown>, NotificationInput>();

  /** `carried`: what the previous run still had in flight; nothing else would ever send it. */
  constructor(carried: readonly NotificationInput[] = []) {
    for (const notification of carried) this.deliver(notification);
  }

  deliver(notification: NotificationInput): void {
    const delivery = notifier
      .deliverNotification(notification)
      .catch((error: unknown) => log.warn('Notification given up', { accountId: notification.accountId, sequence: notification.sequence, error: String(error) }))
      .finally(() => this.inFlight.delete(delivery));
    this.inFlight.set(delivery, notification);
  }

  /** What is still in flight, for the next run to send again (receivers dedupe by delivery id). */
  undelivered(): NotificationInput[] {
    return [...this.inFlight.values()];
  }

  /** Waits for the deliveries in flight before the workflow completes. */
  async flush(): Promise<void> {
    await Promise.all([...this.inFlight.keys()]);
  }
}
