import type { Queryable } from '../queryable';
import { selectEvents, type StoredEvent } from './stored-event';

/** A dispute's history, whole or up to a sequence. */
export interface StreamSelection {
  disputeId: string;
  /** The last sequence to read; the whole history without it. */
  upTo?: number;
}

/** Several disputes' histories in one query, by dispute then sequence (for batch work: exports, rebuilds). */
export function readStreams(db: Queryable, streams: readonly StreamSelection[]): Promise<StoredEvent[]> {
  return selectEvents(
    db,
    `e JOIN unnest($1::uuid[], $2::int[]) AS s(selected_id, up_to) ON s.selected_id = e.dispute_id AND (s.up_to IS NULL OR e.sequence <= s.up_to)
      ORDER BY e.dispute_id, e.sequence`,
    [streams.map((stream) => stream.disputeId), streams.map((stream) => stream.upTo ?? null)],
  );
}
