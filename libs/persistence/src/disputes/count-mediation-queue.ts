import type { MediationStage } from '../../../domain/src';
import type { Queryable } from '../queryable';
import { queueConditions, type MediationQueueFilter } from './read-mediation-queue';

/**
 * How many cases the (filtered) mediation queue holds, by stage (first instance or appeal); both
 * stages always present. One count for both readers: the domain metrics' queue depth (unfiltered,
 * by stage) and the mediationCases connection's totalCount (filtered, summed). A scan of the
 * partial index: the queue, not the table.
 */
export async function countMediationQueue(db: Queryable, filter: MediationQueueFilter = {}, now = new Date().toISOString()): Promise<Record<MediationStage, number>> {
  const parameters: unknown[] = [];
  const where = queueConditions(filter, now, parameters);
  const rows = await db.query<{ stage: MediationStage; cases: number }[]>(
    `SELECT state->'mediation'->>'stage' AS stage, count(*)::int AS cases FROM disputes WHERE ${where.join(' AND ')} GROUP BY 1`,
    parameters,
  );
  const depth: Record<MediationStage, number> = { MEDIATION: 0, APPEAL: 0 };
  for (const row of rows) if (row.stage in depth) depth[row.stage] = row.cases;
  return depth;
}

/** The (filtered) queue's size across both stages. */
export function mediationQueueTotal(depth: Record<MediationStage, number>): number {
  return depth.MEDIATION + depth.APPEAL;
}
