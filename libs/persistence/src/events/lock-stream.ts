import type { Queryable } from '../queryable';

/** Holds off other appends to this dispute until the caller's transaction ends (a retry may overlap a slow first attempt). */
export async function lockStream(db: Queryable, disputeId: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [disputeId]);
}
