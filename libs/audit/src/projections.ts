import type { DataSource } from 'typeorm';
import { fold, projectionOf, type DisputeEvent } from '../../domain/src';
import { EVENT_COLUMNS_SQL, domainEventOf, isDisputeId, storedEventOf, type EventRow, type Queryable, type StoredEvent } from './history';

/** A row of the `disputes` projection, column by column, as the append activity writes it. */
export interface DisputeProjectionRecord {
  dispute_id: string;
  order_id: string;
  buyer_id: string;
  seller_id: string;
  status: string;
  reason: string;
  version: number;
  state: unknown;
  head_hash: string;
  next_deadline_at: string | null;
  opened_at: string;
  updated_at: string;
}

/**
 * The projection row a dispute's history implies: the domain's projectionOf, which the workflow
 * hands the append activity too, derived from the events alone. `updated_at` is the time of
 * the last command, which is its events' occurredAt.
 */
export function projectDispute(events: readonly StoredEvent[]): DisputeProjectionRecord {
  if (events.length === 0) throw new Error('A projection needs at least one event.');
  const last = events[events.length - 1];
  const projection = projectionOf(fold(events.map((event) => domainEventOf<DisputeEvent>(event))), last.occurredAt);
  return {
    dispute_id: last.disputeId,
    order_id: projection.orderId,
    buyer_id: projection.buyerId,
    seller_id: projection.sellerId,
    status: projection.status,
    reason: projection.reason,
    version: projection.version,
    state: projection.state,
    head_hash: last.hash,
    next_deadline_at: projection.nextDeadlineAt,
    opened_at: projection.openedAt,
    updated_at: projection.updatedAt,
  };
}

export type ProjectionDifferenceKind = 'DIFFERENT' | 'MISSING_LIVE' | 'MISSING_REBUILT' | 'UNFOLDABLE';

export interface ProjectionDifference {
  disputeId: string;
  /** DIFFERENT: both rows exist and `columns` differ; MISSING_*: one side has no row; UNFOLDABLE: the history could not be folded. */
  kind: ProjectionDifferenceKind;
  columns: string[];
  detail?: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`"${name}" is not a plain lower-case table name.`);
  return name;
}

async function projectionColumns(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ column_name: string }[]>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'disputes' ORDER BY ordinal_position`,
  );
  return rows.map((row) => row.column_name);
}

/**
 * Compares two tables shaped like `disputes` row by row (jsonb by value, timestamps as
 * instants), optionally only for some disputes. Returns one entry per dispute that differs.
 */
export async function compareProjections(
  db: Queryable,
  options: { rebuilt: string; live?: string; disputeIds?: readonly string[] },
): Promise<ProjectionDifference[]> {
  const live = identifier(options.live ?? 'disputes');
  const rebuilt = identifier(options.rebuilt);
  const columns = (await projectionColumns(db)).filter((column) => column !== 'dispute_id');
  const differing = columns.map((column) => `CASE WHEN l.${column} IS DISTINCT FROM r.${column} THEN '${column}' END`).join(', ');
  const scoped = options.disputeIds !== undefined;
  const rows = await db.query<{ dispute_id: string; missing_live: boolean; missing_rebuilt: boolean; columns: string[] }[]>(
    `SELECT dispute_id, missing_live, missing_rebuilt, columns FROM (
       SELECT coalesce(l.dispute_id, r.dispute_id)::text AS dispute_id,
              l.dispute_id IS NULL AS missing_live,
              r.dispute_id IS NULL AS missing_rebuilt,
              array_remove(ARRAY[${differing}]::text[], NULL) AS columns
         FROM ${live} l FULL JOIN ${rebuilt} r ON r.dispute_id = l.dispute_id
        ${scoped ? 'WHERE coalesce(l.dispute_id, r.dispute_id) = ANY($1::uuid[])' : ''}
     ) compared
     WHERE missing_live OR missing_rebuilt OR cardinality(columns) > 0
     ORDER BY dispute_id`,
    scoped ? [options.disputeIds!.filter(isDisputeId)] : [],
  );
  return rows.map((row) => ({
    disputeId: row.dispute_id,
    kind: row.missing_live ? 'MISSING_LIVE' : row.missing_rebuilt ? 'MISSING_REBUILT' : 'DIFFERENT',
    columns: row.missing_live || row.missing_rebuilt ? [] : row.columns,
  }));
}

export interface RebuildOptions {
  /** The fresh table to build (default `disputes_rebuild`; replaced if it exists). */
  table?: string;
  /** Build a temporary table that disappears at the end of the run (compare only). */
  temporary?: boolean;
  /** Only these disputes (default: every dispute with events). */
  disputeIds?: readonly string[];
  /** Replace the live rows that differ with the rebuilt ones (and remove live rows without any history). */
  swap?: boolean;
  /** Disputes read per query. */
  batchSize?: number;
}

export interface RebuildReport {
  table: string;
  disputes: number;
  events: number;
  differences: ProjectionDifference[];
  /** Live rows replaced, inserted or removed by `swap`. */
  swapped: number;
}

/**
 * Rebuilds the `disputes` projection from the events into a fresh table (LIKE disputes), in
 * one REPEATABLE READ transaction, and compares it with the live table as of the same snapshot. With `swap`, the live rows that
 * differ are replaced in place: the live table keeps its identity, grants and indexes, and
 * appends are held off (SHARE ROW EXCLUSIVE lock taken before any event is read) until the
 * run commits, after which their upserts move the rows forward as usual.
 */
export async function rebuildProjections(dataSource: DataSource, options: RebuildOptions = {}): Promise<RebuildReport> {
  const table = identifier(options.table ?? 'disputes_rebuild');
  const batchSize = options.batchSize ?? 200;
  // One snapshot for the events and the live table, or an append committing mid-run would look
  // like a difference. The lock (taken before the snapshot, which starts at the first query)
  // holds appends off while rows are swapped.
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    if (options.swap) await manager.query('LOCK TABLE disputes IN SHARE ROW EXCLUSIVE MODE');
    await manager.query(`DROP TABLE IF EXISTS ${table}`);
    await manager.query(
      options.temporary
        ? `CREATE TEMPORARY TABLE ${table} (LIKE disputes INCLUDING ALL) ON COMMIT DROP`
        : `CREATE TABLE ${table} (LIKE disputes INCLUDING ALL)`,
    );

    const disputeIds =
      options.disputeIds !== undefined
        ? [...new Set(options.disputeIds.filter(isDisputeId).map((id) => id.toLowerCase()))].sort()
        : (await manager.query<{ dispute_id: string }[]>('SELECT DISTINCT dispute_id::text AS dispute_id FROM dispute_events ORDER BY 1')).map((row) => row.dispute_id);

    let events = 0;
    const unfoldable = new Map<string, string>();
    for (let start = 0; start < disputeIds.length; start += batchSize) {
      const batch = disputeIds.slice(start, start + batchSize);
      const rows = await manager.query<EventRow[]>(
        `SELECT ${EVENT_COLUMNS_SQL} FROM dispute_events WHERE dispute_id = ANY($1::uuid[]) ORDER BY dispute_id, sequence`,
        [batch],
      );
      events += rows.length;
      const records: DisputeProjectionRecord[] = [];
      for (const history of groupByDispute(rows.map(storedEventOf))) {
        try {
          records.push(projectDispute(history));
        } catch (error) {
          unfoldable.set(history[0].disputeId, error instanceof Error ? error.message : String(error));
        }
      }
      if (records.length > 0) {
        await manager.query(`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [JSON.stringify(records)]);
      }
    }

    const scope = options.disputeIds !== undefined ? disputeIds : undefined;
    const differences = (await compareProjections(manager, { rebuilt: table, disputeIds: scope })).map((difference) =>
      unfoldable.has(difference.disputeId) ? { ...difference, kind: 'UNFOLDABLE' as const, detail: unfoldable.get(difference.disputeId) } : difference,
    );
    const swapped = options.swap ? await swapIn(manager, table, differences) : 0;
    return { table, disputes: disputeIds.length, events, differences, swapped };
  });
}

/** Makes the live rows of the differing disputes equal to the rebuilt ones; an unfoldable history leaves its row alone. */
async function swapIn(db: Queryable, table: string, differences: ProjectionDifference[]): Promise<number> {
  const replace = differences.filter((d) => d.kind === 'DIFFERENT' || d.kind === 'MISSING_LIVE').map((d) => d.disputeId);
  const remove = differences.filter((d) => d.kind === 'MISSING_REBUILT').map((d) => d.disputeId);
  const columns = (await projectionColumns(db)).filter((column) => column !== 'dispute_id');
  if (replace.length > 0) {
    await db.query(
      `INSERT INTO disputes SELECT * FROM ${table} WHERE dispute_id = ANY($1::uuid[])
       ON CONFLICT (dispute_id) DO UPDATE SET ${columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}`,
      [replace],
    );
  }
  if (remove.length > 0) await db.query('DELETE FROM disputes WHERE dispute_id = ANY($1::uuid[])', [remove]);
  return replace.length + remove.length;
}

function* groupByDispute(events: StoredEvent[]): Generator<StoredEvent[]> {
  let start = 0;
  for (let index = 1; index <= events.length; index += 1) {
    if (index === events.length || events[index].disputeId !== events[start].disputeId) {
      yield events.slice(start, index);
      start = index;
    }
  }
}
