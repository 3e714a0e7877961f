import type { Queryable } from '../queryable';
import { ENDPOINT_COLUMNS, toWebhookEndpoint, type WebhookEndpoint, type WebhookEndpointRow } from './webhook-endpoint-row';

export interface WebhookEndpointChange {
  url?: string;
  /** null: every event type; undefined: unchanged. */
  eventTypes?: readonly string[] | null;
  paused?: boolean;
}

/** Applies the given fields (the others stay); the caller has found and locked the endpoint. */
export async function updateWebhookEndpoint(db: Queryable, endpointId: string, change: WebhookEndpointChange): Promise<WebhookEndpoint> {
  // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], a SELECT with the rows.
  const [row] = await db.query<WebhookEndpointRow[]>(
    `WITH changed AS (UPDATE webhook_endpoints SET
       url = CASE WHEN $2 THEN $3 ELSE url END,
       event_types = CASE WHEN $4 THEN $5::text[] ELSE event_types END,
       paused = CASE WHEN $6 THEN $7 ELSE paused END,
       updated_at = clock_timestamp()
     WHERE endpoint_id = $1 RETURNING ${ENDPOINT_COLUMNS})
     SELECT * FROM changed`,
    [endpointId, change.url !== undefined, change.url ?? null, change.eventTypes !== undefined, change.eventTypes ?? null, change.paused !== undefined, change.paused ?? null],
  );
  return toWebhookEndpoint(row);
}
