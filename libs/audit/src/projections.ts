import type { DataSource } from 'typeorm';
import { fold, projectionOf, sellerDisputeFactsOf, type DisputeEvent, type SellerDisputeFacts } from '../../domain/src';
import {
  compareProjectionTables,
  compareSellerFactsTables,
  createSellerFactsShadow,
  createShadowTable,
  holdProjectionWrites,
  holdSellerFactsWrites,
  insertProjectionRows,
  insertSellerFactsRows,
  isDisputeId,
  readStreams,
  recordedDisputeIds,
  replaceProjectionRows,
  replaceSellerFactsRows,
  tableName,
  type DisputeProjectionRow,
  type Queryable,
  type StoredEvent,
} from '../../persistence/src';
import { domainEventOf } from './history';

/**
 * The projection row a dispute's history implies: the domain's projectionOf, which the workflow
 * hands the append activity too, derived from the events alone. `updatedAt` is the time of
 * the last command, which is its events' occurredAt.
 */
export function projectDispute(events: readonly StoredEvent[]): DisputeProjectionRow {
  if (events.length === 0) throw new Error('A projection needs at least one event.');
  const last = events[events.length - 1];
  const projection = projectionOf(fold(events.map((event) => domainEventOf<DisputeEvent>(event))), last.occurredAt);
  return { ...projection, disputeId: last.disputeId, headHash: last.hash };
}

export type ProjectionDifferenceKind = 'DIFFERENT' | 'MISSING_LIVE' | 'MISSING_REBUILT' | 'UNFOLDABLE';

export interface ProjectionDifference {
  disputeId: string;
  /** DIFFERENT: both rows exist and `columns` differ; MISSING_*: one side has no row; UNFOLDABLE: the history could not be folded. */
  kind: ProjectionDifferenceKind;
  columns: string[];
  detail?: string;
}

/**
 * Compares two tables shaped like `disputes` row by row (jsonb by value, timestamps as
 * instants), optionally only for some disputes. Returns one entry per dispute that differs.
 */
export async function compareProjections(
  db: Queryable,
  options: { rebuilt: string; live?: string; disputeIds?: readonly string[] },
): Promise<ProjectionDifference[]> {
  const rows = await compareProjectionTables(db, { live: options.live ?? 'disputes', rebuilt: options.rebuilt }, options.disputeIds);
  return rows.map((row) => ({
    disputeId: row.disputeId,
    kind: row.missingLive ? 'MISSING_LIVE' : row.missingRebuilt ? 'MISSING_REBUILT' : 'DIFFERENT',
    columns: row.missingLive || row.missingRebuilt ? [] : row.columns,
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
  /** The fresh table of seller facts (default `seller_dispute_facts_rebuild`, or `<table>_seller_facts` when `table` is given; replaced if it exists). */
  factsTable?: string;
}

export interface RebuildReport {
  table: string;
  disputes: number;
  events: number;
  differences: ProjectionDifference[];
  /** Live rows replaced, inserted or removed by `swap`. */
  swapped: number;
  /** The same for `seller_dispute_facts` (seller performance), rebuilt from the same folds. */
  factsTable: string;
  factDifferences: ProjectionDifference[];
  factsSwapped: number;
}

/**
 * Rebuilds the `disputes` projection (and, from the same folds, `seller_dispute_facts`) from the events into a fresh table (LIKE disputes), in
 * one REPEATABLE READ transaction, and compares it with the live table as of the same snapshot. With `swap`, the live rows that
 * differ are replaced in place: the live table keeps its identity, grants and indexes, and
 * appends are held off (SHARE ROW EXCLUSIVE lock taken before any event is read) until the
 * run commits, after which their upserts move the rows forward as usual.
 */
export async function rebuildProjections(dataSource: DataSource, options: RebuildOptions = {}): Promise<RebuildReport> {
  const table = tableName(options.table ?? 'disputes_rebuild');
  // Named after the projection's table, so two rebuilds into different tables do not share one.
  const factsTable = tableName(options.factsTable ?? (options.table === undefined ? 'seller_dispute_facts_rebuild' : `${options.table}_seller_facts`));
  const batchSize = options.batchSize ?? 200;
  // One snapshot for the events and the live table, or an append committing mid-run would look
  // like a difference. The lock (taken before the snapshot, which starts at the first query)
  // holds appends off while rows are swapped.
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    if (options.swap) {
      await holdProjectionWrites(manager);
      await holdSellerFactsWrites(manager);
    }
    await createShadowTable(manager, table, { temporary: options.temporary });
    await createSellerFactsShadow(manager, factsTable, { temporary: options.temporary });

    const disputeIds =
      options.disputeIds !== undefined
        ? [...new Set(options.disputeIds.filter(isDisputeId).map((id) => id.toLowerCase()))].sort()
        : await recordedDisputeIds(manager);

    let events = 0;
    const unfoldable = new Map<string, string>();
    for (let start = 0; start < disputeIds.length; start += batchSize) {
      const batch = disputeIds.slice(start, start + batchSize);
      const stored = await readStreams(manager, batch.map((disputeId) => ({ disputeId })));
      events += stored.length;
      const rows: DisputeProjectionRow[] = [];
      for (const history of groupByDispute(stored)) {
        try {
          rows.push(projectDispute(history));
        } catch (error) {
          unfoldable.set(history[0].disputeId, error instanceof Error ? error.message : String(error));
        }
      }
      await insertProjectionRows(manager, table, rows);
      // The facts come from the rebuilt state through the function the append uses.
      await insertSellerFactsRows(manager, factsTable, rows.flatMap((row): SellerDisputeFacts[] => {
        const facts = sellerDisputeFactsOf(row.state);
        return facts === null ? [] : [{ ...facts, disputeId: row.disputeId }];
      }));
    }

    const scope = options.disputeIds !== undefined ? disputeIds : undefined;
    const differences = (await compareProjections(manager, { rebuilt: table, disputeIds: scope })).map((difference) =>
      unfoldable.has(difference.disputeId) ? { ...difference, kind: 'UNFOLDABLE' as const, detail: unfoldable.get(difference.disputeId) } : difference,
    );
    const swapped = options.swap ? await swapIn(manager, table, differences) : 0;
    const factDifferences = (await compareSellerFactsTables(manager, factsTable, scope)).map((row): ProjectionDifference =>
      unfoldable.has(row.disputeId)
        ? { disputeId: row.disputeId, kind: 'UNFOLDABLE', columns: [], detail: unfoldable.get(row.disputeId) }
        : { disputeId: row.disputeId, kind: row.missingLive ? 'MISSING_LIVE' : row.missingRebuilt ? 'MISSING_REBUILT' : 'DIFFERENT', columns: row.missingLive || row.missingRebuilt ? [] : row.columns },
    );
    const factsSwapped = options.swap
      ? await replaceSellerFactsRows(manager, factsTable, {
          replace: factDifferences.filter((d) => d.kind === 'DIFFERENT' || d.kind === 'MISSING_LIVE').map((d) => d.disputeId),
          remove: factDifferences.filter((d) => d.kind === 'MISSING_REBUILT').map((d) => d.disputeId),
        })
      : 0;
    return { table, disputes: disputeIds.length, events, differences, swapped, factsTable, factDifferences, factsSwapped };
  });
}

/** Makes the live rows of the differing disputes equal to the rebuilt ones; an unfoldable history leaves its row alone. */
function swapIn(db: Queryable, table: string, differences: ProjectionDifference[]): Promise<number> {
  return replaceProjectionRows(db, table, {
    replace: differences.filter((d) => d.kind === 'DIFFERENT' || d.kind === 'MISSING_LIVE').map((d) => d.disputeId),
    remove: differences.filter((d) => d.kind === 'MISSING_REBUILT').map((d) => d.disputeId),
  });
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
