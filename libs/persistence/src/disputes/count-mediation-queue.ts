import type { Queryable } from '../queryable';
import { queueConditions, type MediationQueueFilter } from './read-mediation-queue';

/** How many cases the filtered queue holds (a scan of the partial index: the queue, not the table). */
export async function countMediationQueue(db: Queryable, filter: MediationQueueFilter = {}, now = new Date().toISOString()): Promise<number> {
  const parameters: unknown[] = [];
  const where = queueConditions(filter, now, parameters);
  const [row] = await db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM disputes WHERE ${where.join(' AND ')}`, parameters);
  return row.total;
}
