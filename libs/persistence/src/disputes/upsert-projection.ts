import type { SqlParameters } from '../sql-parameters';
import type { DisputeProjectionRow } from './dispute-projection-row';

/** The write of a dispute's projection row, unless the stored one is already at this version or later (part of the append's statement). */
export function upsertProjectionSql(parameters: SqlParameters, row: DisputeProjectionRow): string {
  const values = [
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
  ].map((value) => parameters.add(value));
  // The version guard keeps a late retry from rolling the read model back.
  return `INSERT INTO disputes
       (dispute_id, order_id, buyer_id, seller_id, status, reason, version, state, head_hash, next_deadline_at, opened_at, updated_at)
     VALUES (${values[0]}::uuid, ${values[1]}, ${values[2]}, ${values[3]}, ${values[4]}, ${values[5]}, ${values[6]}::integer, ${values[7]}::jsonb,
             ${values[8]}, ${values[9]}::timestamptz, ${values[10]}::timestamptz, ${values[11]}::timestamptz)
     ON CONFLICT (dispute_id) DO UPDATE SET
       status = EXCLUDED.status, version = EXCLUDED.version, state = EXCLUDED.state, head_hash = EXCLUDED.head_hash,
       next_deadline_at = EXCLUDED.next_deadline_at, updated_at = EXCLUDED.updated_at
     WHERE disputes.version < EXCLUDED.version`;
}
