import type { DataSource, EntityManager } from 'typeorm';
import { notificationDeliveryId, type NotificationInput } from '../../contracts/src/activities';
import type { NotificationEndpoint } from './notification-endpoints';

/** The channel an outbox insert NOTIFYs (see the notification-outbox migration). */
export const NOTIFICATION_OUTBOX_CHANNEL = 'notification_outbox';

/** A claimed outbox row: what to send, where to (null once the account removed its endpoint), and the how-many-th attempt this is. */
export interface ClaimedDelivery {
  deliveryId: string;
  notification: NotificationInput;
  attempt: number;
  endpoint: NotificationEndpoint | null;
}

/**
 * Writes a batch's notifications inside the append's transaction: one row per recipient that
 * has a webhook endpoint (the others have nowhere to be told). Idempotent on the delivery id,
 * so an append retried after a lost reply adds nothing.
 */
export async function enqueueNotifications(manager: EntityManager, notifications: NotificationInput[]): Promise<void> {
  if (notifications.length === 0) return;
  const rows = notifications.map((notification) => ({
    delivery_id: notificationDeliveryId(notification),
    account_id: notification.accountId,
    dispute_id: notification.disputeId,
    payload: notification,
  }));
  await manager.query(
    `INSERT INTO notification_outbox (delivery_id, account_id, dispute_id, payload)
     SELECT row.delivery_id, row.account_id, row.dispute_id, row.payload
       FROM jsonb_to_recordset($1::jsonb) AS row (delivery_id text, account_id text, dispute_id uuid, payload jsonb)
       JOIN notification_endpoints endpoint ON endpoint.account_id = row.account_id
     ON CONFLICT (delivery_id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

/** The dispatcher's side of the outbox: claim what is due, then settle each claim. */
export class NotificationOutbox {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` due rows. SKIP LOCKED lets several dispatchers claim at once without
   * waiting on or taking each other's rows; the claim commits at once and leases the row for
   * `leaseMs` (its next attempt moves out by the lease), so no transaction stays open during
   * HTTP calls, and a dispatcher that dies mid-delivery only delays the row until the lease ends.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const rows: ClaimedRow[] = await this.dataSource.query(
      `WITH due AS (
         SELECT delivery_id FROM notification_outbox
          WHERE next_attempt_at <= clock_timestamp()
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE notification_outbox outbox
            SET attempts = outbox.attempts + 1, next_attempt_at = clock_timestamp() + make_interval(secs => $2::double precision / 1000)
           FROM due WHERE outbox.delivery_id = due.delivery_id
         RETURNING outbox.delivery_id, outbox.account_id, outbox.payload, outbox.attempts
       )
       SELECT claimed.*, endpoint.url, endpoint.secret
         FROM claimed LEFT JOIN notification_endpoints endpoint ON endpoint.account_id = claimed.account_id`,
      [limit, leaseMs],
    );
    return rows.map((row) => ({
      deliveryId: row.delivery_id,
      notification: row.payload,
      attempt: row.attempts,
      endpoint: row.url === null ? null : { accountId: row.account_id, url: row.url, secret: row.secret! },
    }));
  }

  async markDelivered(deliveryId: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE notification_outbox SET delivered_at = clock_timestamp(), next_attempt_at = NULL WHERE delivery_id = $1 AND delivered_at IS NULL',
      [deliveryId],
    );
  }

  /**
   * Records a failed attempt and when to try again. Guarded by the attempt number: a
   * dispatcher whose lease ran out (and whose row another one claimed again) cannot overwrite
   * the newer attempt's outcome.
   */
  async scheduleRetry(claim: ClaimedDelivery, error: string, delayMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_outbox SET last_error = $3, next_attempt_at = clock_timestamp() + make_interval(secs => $4::double precision / 1000)
        WHERE delivery_id = $1 AND attempts = $2 AND delivered_at IS NULL`,
      [claim.deliveryId, claim.attempt, error, delayMs],
    );
  }

  /** No more attempts: the row stays, undelivered, with the reason, for operators. */
  async giveUp(claim: ClaimedDelivery, error: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE notification_outbox SET last_error = $3, next_attempt_at = NULL WHERE delivery_id = $1 AND attempts = $2 AND delivered_at IS NULL',
      [claim.deliveryId, claim.attempt, error],
    );
  }
}

interface ClaimedRow {
  delivery_id: string;
  account_id: string;
  payload: NotificationInput;
  attempts: number;
  url: string | null;
  secret: string | null;
}
