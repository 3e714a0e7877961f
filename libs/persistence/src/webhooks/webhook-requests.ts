import type { Queryable } from '../queryable';

/** Who sent an endpoint mutation, and the key it may be retried with. */
export interface WebhookRequestKey {
  role: string;
  accountId: string;
  idempotencyKey: string;
}

export interface StoredWebhookRequest {
  operation: string;
  request: unknown;
  response: unknown;
}

/**
 * The first answer to this key, locking the key for the caller's transaction first (a concurrent
 * request with the same key waits here until the first commits, then reads its answer).
 */
export async function lockWebhookRequest(db: Queryable, key: WebhookRequestKey): Promise<StoredWebhookRequest | null> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`webhook-request:${key.role}:${key.accountId}:${key.idempotencyKey}`]);
  const [row] = await db.query<StoredWebhookRequest[]>(
    'SELECT operation, request, response FROM webhook_requests WHERE role = $1 AND account_id = $2 AND idempotency_key = $3',
    [key.role, key.accountId, key.idempotencyKey],
  );
  return row ?? null;
}

/** Remembers the answer, in the mutation's own transaction, so it exists exactly when the change does. */
export async function recordWebhookRequest(db: Queryable, key: WebhookRequestKey, stored: StoredWebhookRequest): Promise<void> {
  await db.query(
    'INSERT INTO webhook_requests (role, account_id, idempotency_key, operation, request, response) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)',
    [key.role, key.accountId, key.idempotencyKey, stored.operation, JSON.stringify(stored.request), JSON.stringify(stored.response)],
  );
}
