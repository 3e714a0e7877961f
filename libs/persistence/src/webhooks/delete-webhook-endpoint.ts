import type { Queryable } from '../queryable';

/**
 * Removes an endpoint. Its delivery rows stay (nothing deletes a delivery record); the pending
 * ones are given up by the dispatcher, which finds no endpoint for them.
 */
export async function deleteWebhookEndpoint(db: Queryable, endpointId: string): Promise<void> {
  await db.query('DELETE FROM webhook_endpoints WHERE endpoint_id = $1', [endpointId]);
}
