import type { Queryable } from '../queryable';
import { ENDPOINT_COLUMNS, toWebhookEndpoint, type EndpointOwner, type WebhookEndpoint, type WebhookEndpointRow } from './webhook-endpoint-row';

/** An owner's endpoints, oldest first (few: registration caps them). */
export async function webhookEndpointsOfOwner(db: Queryable, owner: EndpointOwner): Promise<WebhookEndpoint[]> {
  const rows = await db.query<WebhookEndpointRow[]>(
    `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE owner_id = $1 AND platform = $2 ORDER BY created_at, endpoint_id`,
    [owner.ownerId, owner.platform],
  );
  return rows.map(toWebhookEndpoint);
}
