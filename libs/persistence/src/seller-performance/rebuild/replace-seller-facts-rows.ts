import { tableName } from '../../disputes/rebuild/table-name';
import type { Queryable } from '../../queryable';
import { sellerFactsColumns } from './seller-facts-columns';

/**
 * Makes live `seller_dispute_facts` rows equal to those of a rebuilt table, in place: the
 * `replace` disputes get the rebuilt row, the `remove` disputes lose theirs. Returns how many
 * disputes it touched.
 */
export async function replaceSellerFactsRows(db: Queryable, from: string, disputes: { replace: readonly string[]; remove: readonly string[] }): Promise<number> {
  const table = tableName(from);
  if (disputes.replace.length > 0) {
    const columns = await sellerFactsColumns(db);
    await db.query(
      `INSERT INTO seller_dispute_facts SELECT * FROM ${table} WHERE dispute_id = ANY($1::uuid[])
       ON CONFLICT (dispute_id) DO UPDATE SET ${columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}`,
      [disputes.replace],
    );
  }
  if (disputes.remove.length > 0) await db.query('DELETE FROM seller_dispute_facts WHERE dispute_id = ANY($1::uuid[])', [disputes.remove]);
  return disputes.replace.length + disputes.remove.length;
}
