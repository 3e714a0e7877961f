import type { Queryable } from '../../queryable';

/** Holds appends' projection writes off (reads go on) until the caller's transaction ends, so swapped rows are not overwritten mid-swap. */
export async function holdProjectionWrites(db: Queryable): Promise<void> {
  await db.query('LOCK TABLE disputes IN SHARE ROW EXCLUSIVE MODE');
}
