import type { SellerDisputeFacts } from '../../../../domain/src';
import type { Queryable } from '../../queryable';
import { tableName } from '../../disputes/rebuild/table-name';
import { factsColumnsOf } from '../seller-facts-row';

/** Adds rows to a table shaped like `seller_dispute_facts`, in one statement. */
export async function insertSellerFactsRows(db: Queryable, name: string, rows: readonly SellerDisputeFacts[]): Promise<void> {
  if (rows.length === 0) return;
  const table = tableName(name);
  await db.query(`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [JSON.stringify(rows.map(factsColumnsOf))]);
}
