import { isDisputeId } from '../../dispute-id';
import type { ProjectionRowComparison } from '../../disputes/rebuild/compare-projection-tables';
import { tableName } from '../../disputes/rebuild/table-name';
import type { Queryable } from '../../queryable';
import { sellerFactsColumns } from './seller-facts-columns';

/**
 * Compares the live `seller_dispute_facts` with a rebuilt table of its shape row by row,
 * optionally only for some disputes. Returns one entry per dispute that differs, by dispute id.
 */
export async function compareSellerFactsTables(db: Queryable, rebuiltTable: string, disputeIds?: readonly string[]): Promise<ProjectionRowComparison[]> {
  const rebuilt = tableName(rebuiltTable);
  const differing = (await sellerFactsColumns(db)).map((column) => `CASE WHEN l.${column} IS DISTINCT FROM r.${column} THEN '${column}' END`).join(', ');
  const scoped = disputeIds !== undefined;
  const rows = await db.query<{ dispute_id: string; missing_live: boolean; missing_rebuilt: boolean; columns: string[] }[]>(
    `SELECT dispute_id, missing_live, missing_rebuilt, columns FROM (
       SELECT coalesce(l.dispute_id, r.dispute_id)::text AS dispute_id,
              l.dispute_id IS NULL AS missing_live,
              r.dispute_id IS NULL AS missing_rebuilt,
              array_remove(ARRAY[${differing}]::text[], NULL) AS columns
         FROM seller_dispute_facts l FULL JOIN ${rebuilt} r ON r.dispute_id = l.dispute_id
        ${scoped ? 'WHERE coalesce(l.dispute_id, r.dispute_id) = ANY($1::uuid[])' : ''}
     ) compared
     WHERE missing_live OR missing_rebuilt OR cardinality(columns) > 0
     ORDER BY dispute_id`,
    scoped ? [disputeIds.filter(isDisputeId)] : [],
  );
  return rows.map((row) => ({ disputeId: row.dispute_id, missingLive: row.missing_live, missingRebuilt: row.missing_rebuilt, columns: row.columns }));
}
