import type { Queryable } from '../queryable';
import { DELIVERY_COLUMNS, toWebhookDelivery, type WebhookDelivery, type WebhookDeliveryRow } from './webhook-delivery-row';

/** Where a page starts: after this (created_at, delivery_id), newest first. */
export interface DeliveryCursor {
  createdAt: string;
  deliveryId: string;
}

/**
 * An endpoint's deliveries, newest first, `limit` rows after the cursor; the index
 * notification_outbox_endpoint (endpoint_id, created_at DESC, delivery_id DESC) serves it.
 */
export async function webhookDeliveriesOfEndpoint(db: Queryable, endpointId: string, limit: number, after: DeliveryCursor | null): Promise<WebhookDelivery[]> {
  const rows = await db.query<WebhookDeliveryRow[]>(
    `SELECT ${DELIVERY_COLUMNS}
       FROM notification_outbox outbox LEFT JOIN webhook_endpoints endpoint ON endpoint.endpoint_id = outbox.endpoint_id
      WHERE outbox.endpoint_id = $1 AND ($3::timestamptz IS NULL OR (outbox.created_at, outbox.delivery_id) < ($3::timestamptz, $4::text))
      ORDER BY outbox.created_at DESC, outbox.delivery_id DESC
      LIMIT $2`,
    [endpointId, limit, after?.createdAt ?? null, after?.deliveryId ?? null],
  );
  return rows.map(toWebhookDelivery);
}
