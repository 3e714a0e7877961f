// The one row type of `dispute_events` and its one mapper: every read of the table selects
// these columns and maps them here, so the column names stay in this file.
import type { HashedEventFields } from '../../../chain/src';
import type { Queryable } from '../queryable';

/** An event as stored: the hashed fields, its hash, and where and when the database recorded it. */
export interface StoredEvent extends HashedEventFields {
  hash: string;
  /** Storage order (the table's identity column; bigint as text, compared, never added). */
  globalPosition: string;
  /** The database clock when the row was written; not covered by the hash. */
  recordedAt: string;
}

/**
 * Timestamps leave PostgreSQL as text with microseconds, in UTC, and are printed the way the
 * workflow printed them (Date#toISOString: milliseconds and Z). A stored value with a
 * sub-millisecond part cannot have come from the workflow; it keeps all six digits so its
 * hash cannot match, rather than being silently truncated into a match.
 */
const TIMESTAMP_SQL = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

export function isoFromMicros(text: string): string {
  return text.endsWith('000') ? `${text.slice(0, -3)}Z` : `${text}Z`;
}

const EVENT_COLUMNS_SQL = `global_position::text AS global_position, dispute_id::text AS dispute_id, sequence, type, payload,
  actor_role, actor_id, ${TIMESTAMP_SQL('occurred_at')} AS occurred_at, ${TIMESTAMP_SQL('recorded_at')} AS recorded_at,
  command_id, schema_version, previous_hash, hash`;

interface EventColumns {
  global_position: string;
  dispute_id: string;
  sequence: number;
  type: string;
  payload: unknown;
  actor_role: string;
  actor_id: string;
  occurred_at: string;
  recorded_at: string;
  command_id: string | null;
  schema_version: number;
  previous_hash: string;
  hash: string;
}

function storedEventOf(row: EventColumns): StoredEvent {
  return {
    disputeId: row.dispute_id,
    sequence: Number(row.sequence),
    type: row.type,
    payload: row.payload,
    actor: { role: row.actor_role, id: row.actor_id },
    occurredAt: isoFromMicros(row.occurred_at),
    commandId: row.command_id,
    schemaVersion: Number(row.schema_version),
    previousHash: row.previous_hash,
    hash: row.hash,
    globalPosition: row.global_position,
    recordedAt: isoFromMicros(row.recorded_at),
  };
}

/**
 * Stored events, mapped: `SELECT <every column> FROM dispute_events <clauses>`. The clauses
 * (an alias, joins, WHERE, ORDER BY, LIMIT) are the reading operation's own.
 */
export async function selectEvents(db: Queryable, clauses: string, parameters: unknown[]): Promise<StoredEvent[]> {
  const rows = await db.query<EventColumns[]>(`SELECT ${EVENT_COLUMNS_SQL} FROM dispute_events ${clauses}`, parameters);
  return rows.map(storedEventOf);
}
