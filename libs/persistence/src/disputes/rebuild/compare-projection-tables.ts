import { isDisputeId } from '../../dispute-id';
import type { Queryable } from '../../queryable';
import { projectionColumns } from './projection-columns';
import { tableName } from './table-name';

/** How one dispute's rows differ between two tables shaped like `disputes`. */
export interface ProjectionRowComparison {
  disputeId: string;
  missingLive: boolean;
  missingRebuilt: boolean;
  /** The columns whose values differ when both rows exist. */
  columns: string[];
}

/**
 * Compares two tables shaped like `disputes` row by row (jsonb by value, timestamps as
 * instants), optionally only for some disputes. Returns one entry per dispute that differs,
 * by dispute id.
 */
export async function compareProjectionTables(
  db: Queryable,
  tables: { live: string; rebuilt: string },
  disputeIds?: readonly string[],
): Promise<ProjectionRowComparison[]> {
  const live = tableName(tables.live);
  const rebuilt = tableName(tables.rebuilt);
  const differing = (await projectionColumns(db)).map((column) => `CASE WHEN l.${column} IS DISTINCT FROM r.${column} THEN '${column}' END`).join(', ');
  const scoped = disputeIds !== undefined;
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
    scoped ? [disputeIds.filter(isDisputeId)] : [],
  );
  return rows.map((row) => ({ disputeId: row.dispute_id, missingLive: row.missing_live, missingRebuilt: row.missing_rebuilt, columns: row.columns }));
}
