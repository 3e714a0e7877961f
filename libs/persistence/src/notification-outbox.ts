import type { DataSource } from 'typeorm';
import type { NotificationInput } from '../../contracts/src/activities';
import type { SqlParameters } from './sql-parameters';
import { SECRETS_NOW, type DeliveryTarget } from './webhooks/delivery-targets-of-account';

/** The channel an outbox insert NOTIFYs (see the notification-outbox migration). */
export const NOTIFICATION_OUTBOX_CHANNEL = 'notification_outbox';

/** A claimed outbox row: what to send, where to (null once its endpoint was removed), and the how-many-th attempt this is. */
export interface ClaimedDelivery {
  deliveryId: string;
  notification: NotificationInput;
  attempt: number;
  endpoint: DeliveryTarget | null;
}

/**
 * The write of a batch's notifications, part of the append's statement (so in the events'
 * transaction), one row per endpoint they reach: each recipient's own endpoints, and once per
 * batch every platform endpoint (SYSTEM's, which receive every dispute's events), in both cases
 * only endpoints subscribed to one of the batch's event types. Paused endpoints get their rows
 * too (held until resumed). The delivery id `<disputeId>:<sequence>:<endpointId>` makes the
 * insert idempotent, so an append retried after a lost reply adds nothing.
 */
export function enqueueNotificationsSql(parameters: SqlParameters, notifications: readonly NotificationInput[]): string {
  const rows = parameters.add(JSON.stringify(notifications.map((notification) => ({ account_id: notification.accountId, dispute_id: notification.disputeId, payload: notification }))));
  return `WITH batch AS (
       SELECT row.account_id, row.dispute_id, row.payload, ARRAY(SELECT jsonb_array_elements_text(row.payload->'eventTypes')) AS event_types
         FROM jsonb_to_recordset(${rows}::jsonb) AS row (account_id text, dispute_id uuid, payload jsonb)
     ), targets AS (
       SELECT batch.account_id, batch.dispute_id, batch.payload, endpoint.endpoint_id
         FROM batch JOIN webhook_endpoints endpoint ON endpoint.owner_id = batch.account_id AND NOT endpoint.platform
        WHERE endpoint.event_types IS NULL OR endpoint.event_types && batch.event_types
       UNION ALL
       SELECT endpoint.owner_id, first.dispute_id, jsonb_set(first.payload, '{accountId}', to_jsonb(endpoint.owner_id)), endpoint.endpoint_id
         FROM (SELECT * FROM batch LIMIT 1) first JOIN webhook_endpoints endpoint ON endpoint.platform
        WHERE endpoint.event_types IS NULL OR endpoint.event_types && first.event_types
     )
     INSERT INTO notification_outbox (delivery_id, account_id, dispute_id, payload, endpoint_id)
     SELECT targets.dispute_id || ':' || (targets.payload->>'sequence') || ':' || targets.endpoint_id, targets.account_id, targets.dispute_id, targets.payload, targets.endpoint_id
       FROM targets
     ON CONFLICT (delivery_id) DO NOTHING`;
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
    // Rows of a paused endpoint are held: not claimed, so they spend no attempts, and go out
    // (oldest first) once it is resumed.
    const rows: ClaimedRow[] = await this.dataSource.query(
      `WITH due AS (
         SELECT outbox.delivery_id FROM notification_outbox outbox
           LEFT JOIN webhook_endpoints endpoint ON endpoint.endpoint_id = outbox.endpoint_id
          WHERE outbox.next_attempt_at <= clock_timestamp() AND endpoint.paused IS NOT TRUE
          ORDER BY outbox.next_attempt_at
          LIMIT $1
          FOR UPDATE OF outbox SKIP LOCKED
       ), claimed AS (
         UPDATE notification_outbox outbox
            SET attempts = outbox.attempts + 1, last_attempt_at = clock_timestamp(),
                next_attempt_at = clock_timestamp() + make_interval(secs => $2::double precision / 1000)
           FROM due WHERE outbox.delivery_id = due.delivery_id
         RETURNING outbox.delivery_id, outbox.endpoint_id, outbox.payload, outbox.attempts
       )
       SELECT claimed.*, endpoint.url, ${SECRETS_NOW} AS secrets
         FROM claimed LEFT JOIN webhook_endpoints endpoint ON endpoint.endpoint_id = claimed.endpoint_id`,
      [limit, leaseMs],
    );
    return rows.map((row) => ({
      deliveryId: row.delivery_id,
      notification: row.payload,
      attempt: row.attempts,
      endpoint: row.url === null || row.endpoint_id === null ? null : { endpointId: row.endpoint_id, url: row.url, secrets: row.secrets! },
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
  endpoint_id: string | null;
  payload: NotificationInput;
  attempts: number;
  url: string | null;
  secrets: string[] | null;
}
