import type { Queryable } from '../queryable';
import { ENDPOINT_COLUMNS, toWebhookEndpoint, type EndpointOwner, type WebhookEndpoint, type WebhookEndpointRow } from './webhook-endpoint-row';

export interface NewWebhookEndpoint extends EndpointOwner {
  endpointId: string;
  url: string;
  eventTypes: readonly string[] | null;
  paused: boolean;
  secret: string;
}

export async function insertWebhookEndpoint(db: Queryable, endpoint: NewWebhookEndpoint): Promise<WebhookEndpoint> {
  const [row] = await db.query<WebhookEndpointRow[]>(
    `INSERT INTO webhook_endpoints (endpoint_id, owner_id, platform, url, event_types, paused, secret)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7) RETURNING ${ENDPOINT_COLUMNS}`,
    [endpoint.endpointId, endpoint.ownerId, endpoint.platform, endpoint.url, endpoint.eventTypes, endpoint.paused, endpoint.secret],
  );
  return toWebhookEndpoint(row);
}
