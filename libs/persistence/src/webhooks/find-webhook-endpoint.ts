import type { Queryable } from '../queryable';
import { ENDPOINT_COLUMNS, toWebhookEndpoint, type EndpointOwner, type WebhookEndpoint, type WebhookEndpointRow } from './webhook-endpoint-row';

/**
 * One endpoint of this owner, locked for the caller's transaction when `forUpdate`; null when it
 * does not exist or is someone else's (the caller cannot tell the two apart).
 */
export async function findWebhookEndpoint(db: Queryable, owner: EndpointOwner, endpointId: string, forUpdate = false): Promise<WebhookEndpoint | null> {
  const [row] = await db.query<WebhookEndpointRow[]>(
    `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE endpoint_id = $1 AND owner_id = $2 AND platform = $3${forUpdate ? ' FOR UPDATE' : ''}`,
    [endpointId, owner.ownerId, owner.platform],
  );
  return row ? toWebhookEndpoint(row) : null;
}
