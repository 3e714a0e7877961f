// The one row type of `disputes` (the projection) and its mapper: every read of the table
// goes through selectProjections, so the column names stay in this file.
import type { DisputeProjection, DisputeState } from '../../../domain/src';
import type { Queryable } from '../queryable';

/** A projection row: the domain's projectionOf as the append stored it, under its dispute id and the chain head it reflects. */
export interface DisputeProjectionRow extends DisputeProjection {
  disputeId: string;
  /** The hash of the event at `version`, written in the same transaction as that event. */
  headHash: string;
}

interface DisputeColumns {
  dispute_id: string;
  order_id: string;
  buyer_id: string;
  seller_id: string;
  status: string;
  reason: string;
  version: number;
  state: unknown;
  head_hash: string;
  next_deadline_at: Date | null;
  opened_at: Date;
  updated_at: Date;
}

// Times come back as Dates (pg's parser, to the millisecond) and leave as ISO strings, the
// form projectionOf wrote them in.
function rowOf(columns: DisputeColumns): DisputeProjectionRow {
  return {
    disputeId: columns.dispute_id,
    orderId: columns.order_id,
    buyerId: columns.buyer_id,
    sellerId: columns.seller_id,
    status: columns.status,
    reason: columns.reason,
    version: columns.version,
    state: columns.state as DisputeState,
    headHash: columns.head_hash,
    nextDeadlineAt: columns.next_deadline_at?.toISOString() ?? null,
    openedAt: columns.opened_at.toISOString(),
    updatedAt: columns.updated_at.toISOString(),
  };
}

/** The row as columns, for writes that hand the database whole rows (jsonb_populate_recordset). */
export function columnsOf(row: DisputeProjectionRow): Record<keyof DisputeColumns, unknown> {
  return {
    dispute_id: row.disputeId,
    order_id: row.orderId,
    buyer_id: row.buyerId,
    seller_id: row.sellerId,
    status: row.status,
    reason: row.reason,
    version: row.version,
    state: row.state,
    head_hash: row.headHash,
    next_deadline_at: row.nextDeadlineAt,
    opened_at: row.openedAt,
    updated_at: row.updatedAt,
  };
}

/** Projection rows, mapped: `SELECT * FROM disputes <clauses>` (WHERE, ORDER BY, LIMIT are the reading operation's own). */
export async function selectProjections(db: Queryable, clauses: string, parameters: unknown[]): Promise<DisputeProjectionRow[]> {
  const rows = await db.query<DisputeColumns[]>(`SELECT * FROM disputes ${clauses}`, parameters);
  return rows.map(rowOf);
}
