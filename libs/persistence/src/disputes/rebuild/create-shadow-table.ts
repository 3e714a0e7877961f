import type { Queryable } from '../../queryable';
import { tableName } from './table-name';

/** An empty table shaped like `disputes` (replacing one of that name); a temporary one is dropped when the transaction commits. */
export async function createShadowTable(db: Queryable, name: string, options: { temporary?: boolean } = {}): Promise<void> {
  const table = tableName(name);
  await db.query(`DROP TABLE IF EXISTS ${table}`);
  await db.query(
    options.temporary ? `CREATE TEMPORARY TABLE ${table} (LIKE disputes INCLUDING ALL) ON COMMIT DROP` : `CREATE TABLE ${table} (LIKE disputes INCLUDING ALL)`,
  );
}
