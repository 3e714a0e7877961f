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
    case 'SYSTEM':
      return false;
  }
}
