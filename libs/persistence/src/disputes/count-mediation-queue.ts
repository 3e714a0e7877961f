import type { MediationStage } from '../../../domain/src';
import type { Queryable } from '../queryable';

/** The statuses in which a case waits for a mediator (as readMediationQueue reads them). */
const QUEUE_STATUSES = ['UNDER_MEDIATION', 'UNDER_APPEAL'];

/** How many cases wait in the mediation queue, by stage (first instance or appeal); both stages always present. */
export async function countMediationQueue(db: Queryable): Promise<Record<MediationStage, number>> {
  const rows = await db.query<{ stage: MediationStage; cases: number }[]>(
    `SELECT state->'mediation'->>'stage' AS stage, count(*)::int AS cases FROM disputes WHERE status = ANY($1) GROUP BY 1`,
    [QUEUE_STATUSES],
  );
  const depth: Record<MediationStage, number> = { MEDIATION: 0, APPEAL: 0 };
  for (const row of rows) if (row.stage in depth) depth[row.stage] = row.cases;
  return depth;
}
