import type { EscalationReason, MediationQueueFilter, MediationStage, QueueCaseFragment } from '../../gql/graphql';
import { ESCALATION_LABELS, STAGE_LABELS } from './queue-labels';

/**
 * What the mediator narrowed the queue to. It lives in the URL's query string, so a reload, a
 * bookmark or a shared link shows the same cases; unknown values in a hand-edited URL are ignored.
 */
export interface QueueFilter {
  /** The whole queue, or only the cases this mediator holds ("My cases"). */
  view: 'queue' | 'mine';
  stage: MediationStage | null;
  reason: EscalationReason | null;
  /** true: past the SLA; false: within it; null: either. */
  breached: boolean | null;
}

const oneOf = <T extends string>(value: string | null, allowed: Record<T, string>): T | null => (value !== null && value in allowed ? (value as T) : null);

export function readFilter(query: URLSearchParams): QueueFilter {
  const sla = query.get('sla');
  return {
    view: query.get('view') === 'mine' ? 'mine' : 'queue',
    stage: oneOf(query.get('stage'), STAGE_LABELS),
    reason: oneOf(query.get('reason'), ESCALATION_LABELS),
    breached: sla === 'breached' ? true : sla === 'within' ? false : null,
  };
}

/** The query string for a filter, without the parts left at "any" (so the plain queue is /mediator/queue). */
export function filterQuery(filter: QueueFilter): string {
  const query = new URLSearchParams();
  if (filter.view === 'mine') query.set('view', 'mine');
  if (filter.stage) query.set('stage', filter.stage);
  if (filter.reason) query.set('reason', filter.reason);
  if (filter.breached !== null) query.set('sla', filter.breached ? 'breached' : 'within');
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The API's filter for this view; "My cases" names the signed-in mediator. */
export function apiFilter(filter: QueueFilter, me: string): MediationQueueFilter {
  return {
    ...(filter.view === 'mine' ? { mediatorId: me } : {}),
    ...(filter.stage ? { stages: [filter.stage] } : {}),
    ...(filter.reason ? { escalationReasons: [filter.reason] } : {}),
    ...(filter.breached !== null ? { slaBreached: filter.breached } : {}),
  };
}

/** Past the SLA: the breach was recorded, or its due time has passed and the timer has not fired yet (as the API decides). */
export const isBreached = (mediation: NonNullable<QueueCaseFragment['mediation']>, now: number): boolean => mediation.slaBreached || Date.parse(mediation.slaDueAt) <= now;

/** Whether a case, as a live update shows it, belongs on the page under this filter: the API's rule, applied to one case. */
export function belongs(filter: QueueFilter, dispute: QueueCaseFragment, inQueue: boolean, me: string, now: number): boolean {
  const mediation = dispute.mediation;
  if (!inQueue || !mediation) return false;
  if (filter.view === 'mine' && mediation.mediatorId !== me) return false;
  if (filter.stage && mediation.stage !== filter.stage) return false;
  if (filter.reason && mediation.reason !== filter.reason) return false;
  if (filter.breached !== null && isBreached(mediation, now) !== filter.breached) return false;
  return true;
}
