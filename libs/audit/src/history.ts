import type { HashedEventFields } from '../../chain/src';

/** Anything that runs SQL: a TypeORM DataSource, an EntityManager or a QueryRunner. */
export interface Queryable {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

/** An event with its hash: what the chain verifier needs. */
export interface ChainedEvent extends HashedEventFields {
  hash: string;
  /** Storage order (the events table's identity column), when known; lets the verifier see reordered rows. */
  globalPosition?: string;
}

/** An event as stored: the hashed fields, its hash, and where and when the database recorded it. */
export interface StoredEvent extends ChainedEvent {
  globalPosition: string;
  /** The database clock when the row was written; not covered by the hash. */
  recordedAt: string;
}

/** A request that cannot be answered as asked (the API maps it to VALIDATION on `field`). */
export class AuditInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'AuditInputError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Dispute ids are UUIDs; anything else cannot exist (and must not reach a uuid column as a query error). */
export const isDisputeId = (value: string): boolean => UUID.test(value);

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

export const EVENT_COLUMNS_SQL = `global_position::text AS global_position, dispute_id::text AS dispute_id, sequence, type, payload,
  actor_role, actor_id, ${TIMESTAMP_SQL('occurred_at')} AS occurred_at, ${TIMESTAMP_SQL('recorded_at')} AS recorded_at,
  command_id, schema_version, previous_hash, hash`;

export interface EventRow {
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

export function storedEventOf(row: EventRow): StoredEvent {
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

export interface HistoryRange {
  /** Only events up to and including this sequence. */
  toSequence?: number;
}

/** One dispute's stored events in sequence order (empty when it has none). */
export async function readHistory(db: Queryable, disputeId: string, range: HistoryRange = {}): Promise<StoredEvent[]> {
  if (!isDisputeId(disputeId)) return [];
  const rows =
    range.toSequence === undefined
      ? await db.query<EventRow[]>(`SELECT ${EVENT_COLUMNS_SQL} FROM dispute_events WHERE dispute_id = $1 ORDER BY sequence`, [disputeId])
      : await db.query<EventRow[]>(`SELECT ${EVENT_COLUMNS_SQL} FROM dispute_events WHERE dispute_id = $1 AND sequence <= $2 ORDER BY sequence`, [
          disputeId,
          range.toSequence,
        ]);
  return rows.map(storedEventOf);
}

/** The domain event a stored row holds: the events table stores the event's data as `payload`. */
export function domainEventOf<E>(event: Pick<HashedEventFields, 'type' | 'payload'>): E {
  return { type: event.type, data: event.payload } as E;
}
