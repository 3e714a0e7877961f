import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { NotificationOutbox, NotificationOutboxWakeUps, type ClaimedDelivery } from '../../../../libs/persistence/src';
import { WEBHOOK_RETRIES, delayAfterAttempt, type RetrySchedule } from './retry-schedule';
import { deliverWebhook } from './webhook';

export interface NotificationDispatcherOptions {
  dataSource: DataSource;
  /** For the LISTEN connection, which cannot come from the pool. */
  databaseUrl: string;
  logger: Logger;
  /** Where the delivery counters go (the worker's /metrics); none in tests that run several dispatchers. */
  registry?: Registry;
  retries?: RetrySchedule;
  /** The fallback when a wake-up is missed, and how soon a retry that fell due is noticed. */
  pollIntervalMs?: number;
  /** Rows claimed (and delivered concurrently) at a time. */
  batchSize?: number;
  /** How long a claim keeps other dispatchers off a row; well above a batch's delivery time. */
  leaseMs?: number;
  webhookTimeoutMs?: number;
  /** Production URL rules at delivery (public https only, resolved addresses checked); the worker passes NODE_ENV=production. */
  production: boolean;
}

type Outcome = 'delivered' | 'retry_scheduled' | 'gave_up' | 'no_endpoint';

/**
 * Delivers the notification outbox: woken by the inserts' NOTIFY and by a periodic poll,
 * claims due rows (several dispatchers, in this or other workers, never share a row), POSTs
 * each signed webhook, and settles it: delivered, retried later with backoff, or given up
 * once the retry budget is spent. Delivery is at least once; receivers dedupe by delivery id.
 */
export class NotificationDispatcher {
  private readonly outbox: NotificationOutbox;
  private readonly wakeUps: NotificationOutboxWakeUps;
  private readonly deliveries: Counter<'outcome'>;
  private pollTimer: NodeJS.Timeout | undefined;
  private round: Promise<void> | null = null;
  private wokenDuringRound = false;
  private stopped = true;

  constructor(private readonly options: NotificationDispatcherOptions) {
    this.outbox = new NotificationOutbox(options.dataSource);
    this.wakeUps = new NotificationOutboxWakeUps(options.databaseUrl, () => this.wake(), (error) => options.logger.warn({ err: error }, 'notification outbox LISTEN connection failed; polling meanwhile'));
    this.deliveries = new Counter({
      name: 'dispute_notification_deliveries_total',
      help: 'Webhook delivery attempts from the notification outbox, by outcome (delivered, retry_scheduled, gave_up, no_endpoint).',
      labelNames: ['outcome'],
      registers: options.registry ? [options.registry] : [],
    });
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.wakeUps.ensureListening();
    this.pollTimer = setInterval(() => {
      void this.wakeUps.ensureListening();
      this.wake();
    }, this.options.pollIntervalMs ?? 2_000);
    // Rows left by a previous worker, or that fell due while none ran, go out now.
    this.wake();
  }

  /** Stops claiming and waits for the deliveries in flight (bounded by the webhook timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    await this.round;
    await this.wakeUps.close();
  }

  /** Starts a round, or asks the running one for another pass (its claim may predate the new rows). */
  wake(): void {
    if (this.stopped) return;
    if (this.round) {
      this.wokenDuringRound = true;
      return;
    }
    this.round = this.dispatchDue()
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'notification outbox round failed; the next poll tries again'))
      .finally(() => {
        this.round = null;
        if (this.wokenDuringRound) {
          this.wokenDuringRound = false;
          this.wake();
        }
      });
  }

  private async dispatchDue(): Promise<void> {
    const batchSize = this.options.batchSize ?? 20;
    for (;;) {
      if (this.stopped) return;
      this.wokenDuringRound = false;
      const claimed = await this.outbox.claimDue(batchSize, this.options.leaseMs ?? 60_000);
      await Promise.all(claimed.map((claim) => this.deliver(claim)));
      if (claimed.length < batchSize) return;
    }
  }

  private async deliver(claim: ClaimedDelivery): Promise<void> {
    try {
      this.count(await this.attempt(claim));
    } catch (error) {
      // Settling failed (the database); the lease runs out and the row is claimed again.
      this.options.logger.error({ err: error, deliveryId: claim.deliveryId }, 'notification outcome not recorded');
    }
  }

  private async attempt(claim: ClaimedDelivery): Promise<Outcome> {
    if (!claim.endpoint) {
      await this.outbox.giveUp(claim, 'the webhook endpoint was removed');
      return 'no_endpoint';
    }
    const sending = { timeoutMs: this.options.webhookTimeoutMs ?? 5_000, production: this.options.production };
    const failure = await deliverWebhook(claim.endpoint, claim.notification, claim.deliveryId, new Date(), sending).then(
      () => null,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    if (failure === null) {
      await this.outbox.markDelivered(claim.deliveryId);
      return 'delivered';
    }
    const delay = delayAfterAttempt(this.options.retries ?? WEBHOOK_RETRIES, claim.attempt);
    const log = { deliveryId: claim.deliveryId, attempt: claim.attempt, error: failure };
    if (delay === null) {
      await this.outbox.giveUp(claim, failure);
      this.options.logger.warn(log, 'notification given up');
      return 'gave_up';
    }
    await this.outbox.scheduleRetry(claim, failure, delay);
    this.options.logger.debug({ ...log, retryInMs: delay }, 'notification delivery failed; retry scheduled');
    return 'retry_scheduled';
  }

  private count(outcome: Outcome): void {
    this.deliveries.inc({ outcome });
  }
}
