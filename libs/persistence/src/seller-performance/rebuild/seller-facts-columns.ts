import type { Queryable } from '../../queryable';

/** The columns of `seller_dispute_facts` but its key, as the database has them (so a comparison or swap covers a column added later). */
export async function sellerFactsColumns(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ column_name: string }[]>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'seller_dispute_facts' ORDER BY ordinal_position`,
  );
  return rows.map((row) => row.column_name).filter((column) => column !== 'dispute_id');
}
