import type { SqlParameters } from '../sql-parameters';
import type { SentProjection } from '../../../domain/src';

/** The row as the append writes it: the projection sent, under its dispute id and chain head. */
export type SentProjectionRow = SentProjection & { disputeId: string; headHash: string };

/**
 * The write of a dispute's projection row, unless the stored one is already at this version or
 * later (part of the append's statement). A state sent without its pinned policy (every batch after
 * the opening) keeps the policy the stored row holds; one sent with it (the opening, older
 * workflows) is written as it is.
 */
export function upsertProjectionSql(parameters: SqlParameters, row: SentProjectionRow): string {
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
       status = EXCLUDED.status, version = EXCLUDED.version,
       state = CASE WHEN EXCLUDED.state ? 'policy' THEN EXCLUDED.state ELSE EXCLUDED.state || jsonb_build_object('policy', disputes.state->'policy') END,
       head_hash = EXCLUDED.head_hash,
       next_deadline_at = EXCLUDED.next_deadline_at, updated_at = EXCLUDED.updated_at
     WHERE disputes.version < EXCLUDED.version`;
}
