import type { Queryable } from './queryable';

/** The readiness check of a process that needs the database: a round trip, nothing read. */
export async function ping(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}
