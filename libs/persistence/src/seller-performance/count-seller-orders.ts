import type { Queryable } from '../queryable';

/**
 * How many orders of a seller the order feed first registered in [from, to): the denominator of
 * "disputes per order". created_at is the first delivery's time (a replayed delivery keeps it).
 */
export async function countSellerOrders(db: Queryable, sellerId: string, from: string, to: string): Promise<number> {
  const [row] = await db.query<{ orders: number }[]>(
    'SELECT count(*)::int AS orders FROM orders WHERE seller_id = $1 AND created_at >= $2 AND created_at < $3',
    [sellerId, from, to],
  );
  return row.orders;
}
