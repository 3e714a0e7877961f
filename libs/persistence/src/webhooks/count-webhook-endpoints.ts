import type { Queryable } from '../queryable';
import type { EndpointOwner } from './webhook-endpoint-row';

/** How many endpoints an owner has; counted under a lock on the owner so two registrations cannot both pass the cap. */
export async function countWebhookEndpoints(db: Queryable, owner: EndpointOwner): Promise<number> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`webhook-owner:${owner.platform}:${owner.ownerId}`]);
  const [row] = await db.query<{ count: string }[]>('SELECT count(*) FROM webhook_endpoints WHERE owner_id = $1 AND platform = $2', [owner.ownerId, owner.platform]);
  return Number(row.count);
}
