import type { Queryable } from '../../queryable';

/** Holds appends' facts writes off (reads go on) until the caller's transaction ends, so swapped rows are not overwritten mid-swap. */
export async function holdSellerFactsWrites(db: Queryable): Promise<void> {
  await db.query('LOCK TABLE seller_dispute_facts IN SHARE ROW EXCLUSIVE MODE');
}
