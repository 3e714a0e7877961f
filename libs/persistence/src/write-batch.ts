import type { NotificationInput } from '../../contracts/src/activities';
import { sellerDisputeFactsOf, type SentProjection } from '../../domain/src';
import { upsertProjectionSql } from './disputes/upsert-projection';
import { insertEventsSql, type SealedEvent } from './events/insert-events';
import { enqueueNotificationsSql } from './notification-outbox';
import { queryPrepared } from './prepared-statements';
import type { Queryable } from './queryable';
import { upsertSellerFactsSql } from './seller-performance/upsert-seller-facts';
import { SqlParameters } from './sql-parameters';

/** What an append writes once it knows the chain: the events still missing, and what the batch leaves behind. */
export interface BatchWrite {
  disputeId: string;
  /** The batch's events not stored yet, sealed (canonical JSON and hash), in sequence order; may be none (a retry). */
  missing: readonly SealedEvent[];
  projection: SentProjection;
  headHash: string;
  notifications: readonly NotificationInput[];
}

/**
 * Writes the events, the projection row, the seller facts and the outbox rows in ONE statement
 * (data-modifying CTEs), so the append costs one round trip and is atomic on its own: a single
 * statement is a transaction even outside BEGIN/COMMIT. Its text depends only on which parts a
 * batch has, so it runs prepared. Returns how many events it inserted.
 */
export async function writeBatch(db: Queryable, batch: BatchWrite): Promise<number> {
  const parameters = new SqlParameters();
  const parts: string[] = [];
  if (batch.missing.length > 0) parts.push(`appended AS (${insertEventsSql(parameters, batch.missing)})`);
  parts.push(`projected AS (${upsertProjectionSql(parameters, { ...batch.projection, disputeId: batch.disputeId, headHash: batch.headHash })})`);
  // Seller performance's facts, from the same state in the same statement: they exist exactly
  // when the events they summarize do (audit:rebuild derives them the same way). Keyed by the
  // stream's id like the projection row, never by an id inside the events.
  const facts = sellerDisputeFactsOf(batch.projection.state);
  if (facts !== null) parts.push(`facts AS (${upsertSellerFactsSql(parameters, { ...facts, disputeId: batch.disputeId })})`);
  if (batch.notifications.length > 0) parts.push(`notified AS (${enqueueNotificationsSql(parameters, batch.notifications)})`);
  const inserted = batch.missing.length > 0 ? '(SELECT count(*) FROM appended)::integer' : '0';
  const [row] = await queryPrepared<{ inserted: number }[]>(db, `WITH ${parts.join(',\n')}\nSELECT ${inserted} AS inserted`, parameters.values);
  return row.inserted;
}
