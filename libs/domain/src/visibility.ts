// Who may read a dispute (domain.md, "Actors and what they may touch"). A dispute the
// actor may not read must look exactly like one that does not exist.
import type { DisputeState } from './state';
import type { Actor } from './types';

export function canRead(state: DisputeState, actor: Actor): boolean {
  if (state.status === 'NONE') return false;
  switch (actor.role) {
    case 'BUYER':
      return actor.id === state.buyerId;
    case 'SELLER':
      return actor.id === state.sellerId;
    case 'MEDIATOR':
      return state.everEscalated;
    case 'AUDITOR':
      return true;
    // The system acts on disputes without reading them; administrators publish policies and read none.
    case 'SYSTEM':
    case 'ADMIN':
      return false;
  }
}

/**
 * Who may download the files a dispute's case file cites (besides their uploader, who always
 * may): its buyer and seller, the mediator holding it or who ruled on it, and auditors. A
 * mediator who merely could claim the case sees the case file's list, not the files.
 */
export function canReadEvidence(state: DisputeState, actor: Actor): boolean {
  if (actor.role !== 'MEDIATOR') return canRead(state, actor);
  return state.status !== 'NONE' && [state.mediation?.mediatorId, state.decision?.mediatorId, state.appeal?.decidedBy].includes(actor.id);
}

/**
 * Whose held cases an actor may list from the mediation queue: a mediator their own, a lead
 * mediator anyone's (they reassign cases, so they weigh each mediator's load), auditors anyone's.
 * Holding a case is visible on the case itself; the rule keeps "my cases" a view of one's own work.
 */
export function canListCasesHeldBy(actor: Actor, mediatorId: string): boolean {
  if (actor.role === 'AUDITOR') return true;
  return actor.role === 'MEDIATOR' && (actor.lead === true || actor.id === mediatorId);
}
