import type { Queryable } from '../../queryable';
import { projectionColumns } from './projection-columns';
import { tableName } from './table-name';

/**
 * Makes live `disputes` rows equal to those of a rebuilt table, in place (the live table keeps
 * its identity, grants and indexes): the `replace` disputes get the rebuilt row, the `remove`
 * disputes lose theirs. Returns how many disputes it touched.
 */
export async function replaceProjectionRows(db: Queryable, from: string, disputes: { replace: readonly string[]; remove: readonly string[] }): Promise<number> {
  const table = tableName(from);
  if (disputes.replace.length > 0) {
    const columns = await projectionColumns(db);
    await db.query(
      `INSERT INTO disputes SELECT * FROM ${table} WHERE dispute_id = ANY($1::uuid[])
       ON CONFLICT (dispute_id) DO UPDATE SET ${columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}`,
      [disputes.replace],
    );
  }
  if (disputes.remove.length > 0) await db.query('DELETE FROM disputes WHERE dispute_id = ANY($1::uuid[])', [disputes.remove]);
  return disputes.replace.length + disputes.remove.length;
}
