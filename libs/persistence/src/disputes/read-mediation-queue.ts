import type { Queryable } from '../queryable';
import { selectProjections, type DisputeProjectionRow } from './dispute-projection-row';

/** The statuses in which a case waits for a mediator. */
const QUEUE_STATUSES = ['UNDER_MEDIATION', 'UNDER_APPEAL'];

/** Escalated and appealed cases waiting for a mediator: unclaimed first, then by SLA deadline. */
export function readMediationQueue(db: Queryable, limit: number): Promise<DisputeProjectionRow[]> {
  return selectProjections(
    db,
    `WHERE status = ANY($1)
     ORDER BY (state->'mediation'->>'mediatorId') IS NOT NULL, (state->'mediation'->>'slaDueAt')::timestamptz, dispute_id
     LIMIT $2`,
    [QUEUE_STATUSES, limit],
  );
}
