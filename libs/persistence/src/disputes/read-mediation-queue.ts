import type { Queryable } from '../queryable';
import { selectProjections, type DisputeProjectionRow } from './dispute-projection-row';

/** Narrows the queue; empty values narrow nothing. */
export interface MediationQueueFilter {
  /** MEDIATION (first instance) or APPEAL. */
  stages?: readonly string[] | null;
  /** Why the case was escalated. */
  escalationReasons?: readonly string[] | null;
  /** true: cases past their SLA (breach recorded, or due time passed); false: cases within it. */
  slaBreached?: boolean | null;
  /** true: held by a mediator; false: waiting to be claimed. */
  claimed?: boolean | null;
  /** Only cases held by this mediator. */
  mediatorId?: string | null;
}

/** The queue's sort key: unclaimed before claimed, then by SLA due time, then by id. */
export interface MediationQueueKey {
  claimed: boolean;
  slaDueAt: string;
  disputeId: string;
}

// The expressions of the partial index disputes_mediation_queue (migration 1764714300000), written
// exactly as there so the planner can use it. The filters' expressions below are also those of the
// statistics object disputes_mediation_queue_keys (migration 1764731400000): without it the planner
// guesses their selectivity and sorts the whole queue instead of walking the index; change both together.
const CLAIMED = `((state->'mediation'->>'mediatorId') IS NOT NULL)`;
const SLA_DUE = `dispute_instant(state->'mediation'->>'slaDueAt')`;

/** The WHERE conditions shared by the queue and its count. `now` decides "breached" for cases whose timer has not fired yet. */
export function queueConditions(filter: MediationQueueFilter, now: string, parameters: unknown[]): string[] {
  const param = (value: unknown) => `$${parameters.push(value)}`;
  // The statuses in which a case waits for a mediator, as a literal: the partial index's predicate.
  const where = [`status IN ('UNDER_MEDIATION', 'UNDER_APPEAL')`];
  if (filter.stages?.length) where.push(`state->'mediation'->>'stage' = ANY(${param(filter.stages)})`);
  if (filter.escalationReasons?.length) where.push(`state->'mediation'->>'reason' = ANY(${param(filter.escalationReasons)})`);
  if (filter.claimed === true || filter.claimed === false) where.push(filter.claimed ? CLAIMED : `NOT ${CLAIMED}`);
  if (typeof filter.mediatorId === 'string') where.push(`state->'mediation'->>'mediatorId' = ${param(filter.mediatorId)}`);
  if (filter.slaBreached === true || filter.slaBreached === false) {
    const breached = `(COALESCE((state->'mediation'->>'slaBreached')::boolean, false) OR ${SLA_DUE} <= ${param(now)}::timestamptz)`;
    where.push(filter.slaBreached ? breached : `NOT ${breached}`);
  }
  return where;
}

/** Escalated and appealed cases waiting for a mediator: unclaimed first, then by SLA deadline; after `after` when given. */
export function readMediationQueue(db: Queryable, limit: number, filter: MediationQueueFilter = {}, after: MediationQueueKey | null = null, now = new Date().toISOString()): Promise<DisputeProjectionRow[]> {
  const parameters: unknown[] = [];
  const where = queueConditions(filter, now, parameters);
  const param = (value: unknown) => `$${parameters.push(value)}`;
  if (after) where.push(`(${CLAIMED}, ${SLA_DUE}, dispute_id) > (${param(after.claimed)}::boolean, ${param(after.slaDueAt)}::timestamptz, ${param(after.disputeId)}::uuid)`);
  return selectProjections(db, `WHERE ${where.join(' AND ')} ORDER BY ${CLAIMED}, ${SLA_DUE}, dispute_id LIMIT ${param(limit)}`, parameters);
}
