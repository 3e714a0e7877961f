import type { Queryable } from '../queryable';
import { DELIVERY_COLUMNS, toWebhookDelivery, type WebhookDelivery, type WebhookDeliveryRow } from './webhook-delivery-row';
import type { EndpointOwner } from './webhook-endpoint-row';

/** A delivery to one of this owner's endpoints, locked for the caller's transaction; null when there is none it may see. */
export async function findWebhookDelivery(db: Queryable, owner: EndpointOwner, deliveryId: string): Promise<WebhookDelivery | null> {
  const [row] = await db.query<WebhookDeliveryRow[]>(
    `SELECT ${DELIVERY_COLUMNS}
       FROM notification_outbox outbox JOIN webhook_endpoints endpoint ON endpoint.endpoint_id = outbox.endpoint_id
      WHERE outbox.delivery_id = $1 AND endpoint.owner_id = $2 AND endpoint.platform = $3
      FOR UPDATE OF outbox`,
    [deliveryId, owner.ownerId, owner.platform],
  );
  return row ? toWebhookDelivery(row) : null;
}
