import type { Queryable } from '../queryable';

/**
 * Queues a settled delivery (delivered or given up) again, due now, with a fresh retry budget:
 * the dispatcher sends it with the same delivery id (receivers that already have it dedupe).
 * Its earlier outcome is overwritten; `redeliveries` counts how often this was asked.
 */
export async function redeliverWebhook(db: Queryable, deliveryId: string): Promise<void> {
  await db.query(
    `UPDATE notification_outbox SET delivered_at = NULL, attempts = 0, next_attempt_at = clock_timestamp(), redeliveries = redeliveries + 1
      WHERE delivery_id = $1 AND next_attempt_at IS NULL`,
    [deliveryId],
  );
  await db.query(`SELECT pg_notify('notification_outbox', '')`);
}
