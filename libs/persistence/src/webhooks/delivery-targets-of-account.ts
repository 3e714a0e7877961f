import type { Queryable } from '../queryable';

/** Where and how to send one delivery: the endpoint's URL and the secrets that sign it now (current first). */
export interface DeliveryTarget {
  endpointId: string;
  url: string;
  secrets: string[];
}

/** The SQL that turns an endpoint row (alias `endpoint`) into its valid secrets, the current one first. */
export const SECRETS_NOW = `CASE WHEN endpoint.previous_secret_expires_at > clock_timestamp() THEN ARRAY[endpoint.secret, endpoint.previous_secret] ELSE ARRAY[endpoint.secret] END`;

/**
 * An account's unpaused endpoints that take any of these event types, with their secrets: the
 * targets of the pre-outbox deliverNotification activity, which old workflow runs still schedule.
 */
export async function deliveryTargetsOfAccount(db: Queryable, accountId: string, eventTypes: readonly string[]): Promise<DeliveryTarget[]> {
  const rows = await db.query<{ endpoint_id: string; url: string; secrets: string[] }[]>(
    `SELECT endpoint.endpoint_id, endpoint.url, ${SECRETS_NOW} AS secrets FROM webhook_endpoints endpoint
      WHERE endpoint.owner_id = $1 AND NOT endpoint.platform AND NOT endpoint.paused
        AND (endpoint.event_types IS NULL OR endpoint.event_types && $2::text[])
      ORDER BY endpoint.created_at`,
    [accountId, eventTypes],
  );
  return rows.map((row) => ({ endpointId: row.endpoint_id, url: row.url, secrets: row.secrets }));
}
