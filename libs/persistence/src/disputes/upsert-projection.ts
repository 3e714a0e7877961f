import type { Queryable } from '../queryable';
import type { DisputeProjectionRow } from './dispute-projection-row';

/** Writes a dispute's projection row, unless the stored one is already at this version or later. */
export async function upsertProjection(db: Queryable, row: DisputeProjectionRow): Promise<void> {
  // The version guard keeps a late retry from rolling the read model back.
  await db.query(
    `INSERT INTO disputes
       (dispute_id, order_id, buyer_id, seller_id, status, reason, version, state, head_hash, next_deadline_at, opened_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (dispute_id) DO UPDATE SET
       status = EXCLUDED.status, version = EXCLUDED.version, state = EXCLUDED.state, head_hash = EXCLUDED.head_hash,
       next_deadline_at = EXCLUDED.next_deadline_at, updated_at = EXCLUDED.updated_at
     WHERE disputes.version < EXCLUDED.version`,
    [
      row.disputeId,
      row.orderId,
      row.buyerId,
      row.sellerId,
      row.status,
      row.reason,
      row.version,
      JSON.stringify(row.state),
      row.headHash,
      row.nextDeadlineAt,
      row.openedAt,
      row.updatedAt,
    ],
  );
}
