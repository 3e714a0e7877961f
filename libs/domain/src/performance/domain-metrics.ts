// What the platform's Prometheus counters and histogram record for a batch of events that was
// just committed: the worker hands in only the events its append really inserted (an activity
// retry finds them stored and inserts none), so a retried or replayed append counts nothing twice.
import type { DisputeEvent, MediationStage, OutcomeKind } from '../events';
import type { SentState } from '../pinned-policy';
import { epochMs, secondsBetween } from './arithmetic';

export interface DomainObservations {
  slaBreaches: { stage: MediationStage }[];
  /** Opened → resolved, in seconds, and whether the resolution met the dispute's target. */
  resolutions: { seconds: number; withinTarget: boolean }[];
  /** Refunds that reached the buyer, by the outcome they pay and their currency (never summed across currencies). */
  refunds: { outcome: OutcomeKind | 'NONE'; currency: string; amountMinor: number }[];
}

/** The observations of newly committed events; `state` is the dispute after them (it holds the opening, target and outcome). */
export function domainObservationsOf(events: readonly DisputeEvent[], state: SentState): DomainObservations {
  const observations: DomainObservations = { slaBreaches: [], resolutions: [], refunds: [] };
  for (const event of events) {
    if (event.type === 'MediationSlaBreached') observations.slaBreaches.push({ stage: event.data.stage });
    if (event.type === 'DisputeResolved' && state.openedAt !== null) {
      const target = state.resolutionTargetAt ?? state.openedAt;
      observations.resolutions.push({ seconds: secondsBetween(state.openedAt, event.data.at), withinTarget: epochMs(event.data.at) <= epochMs(target) });
    }
    if (event.type === 'RefundSucceeded') {
      observations.refunds.push({ outcome: state.outcome?.kind ?? 'NONE', currency: event.data.amount.currency, amountMinor: event.data.amount.amountMinor });
    }
  }
  return observations;
}
