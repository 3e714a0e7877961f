import type { Queryable } from '../queryable';
import { ENDPOINT_COLUMNS, toWebhookEndpoint, type WebhookEndpoint, type WebhookEndpointRow } from './webhook-endpoint-row';

/**
 * Makes `secret` the signing secret and keeps the one it replaces valid for `graceHours` (none
 * when 0). Two secrets at most: rotating again during a grace drops the oldest at once.
 */
export async function rotateWebhookSecret(db: Queryable, endpointId: string, secret: string, graceHours: number): Promise<WebhookEndpoint> {
  // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], a SELECT with the rows.
  const [row] = await db.query<WebhookEndpointRow[]>(
    `WITH changed AS (UPDATE webhook_endpoints SET
       previous_secret = CASE WHEN $3 > 0 THEN secret END,
       previous_secret_expires_at = CASE WHEN $3 > 0 THEN clock_timestamp() + make_interval(hours => $3) END,
       secret = $2,
       updated_at = clock_timestamp()
     WHERE endpoint_id = $1 RETURNING ${ENDPOINT_COLUMNS})
     SELECT * FROM changed`,
    [endpointId, secret, graceHours],
  );
  return toWebhookEndpoint(row);
}
