import type { Queryable } from '../../queryable';
import { columnsOf, type DisputeProjectionRow } from '../dispute-projection-row';
import { tableName } from './table-name';

/** Adds rows to a table shaped like `disputes`, in one statement. */
export async function insertProjectionRows(db: Queryable, name: string, rows: readonly DisputeProjectionRow[]): Promise<void> {
  if (rows.length === 0) return;
  const table = tableName(name);
  await db.query(`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [JSON.stringify(rows.map(columnsOf))]);
}
