import type { Queryable } from '../../queryable';
import { tableName } from '../../disputes/rebuild/table-name';

/** An empty table shaped like `seller_dispute_facts` (replacing one of that name); a temporary one is dropped when the transaction commits. */
export async function createSellerFactsShadow(db: Queryable, name: string, options: { temporary?: boolean } = {}): Promise<void> {
  const table = tableName(name);
  await db.query(`DROP TABLE IF EXISTS ${table}`);
  await db.query(
    options.temporary
      ? `CREATE TEMPORARY TABLE ${table} (LIKE seller_dispute_facts INCLUDING ALL) ON COMMIT DROP`
      : `CREATE TABLE ${table} (LIKE seller_dispute_facts INCLUDING ALL)`,
  );
}
