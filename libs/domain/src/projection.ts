// The read model a dispute's events imply, as the `disputes` projection stores it. The workflow
// writes it with each append and audit:rebuild derives it from the events: one function, so the
// two cannot drift apart.
import { pendingDeadlines } from './deadlines';
import type { DisputeState } from './state';

export interface DisputeProjection {
  orderId: string;
  buyerId: string;
  sellerId: string;
  status: string;
  reason: string;
  version: number;
  state: DisputeState;
  /** The earliest pending deadline, which the mediation queue and reminders sort by. */
  nextDeadlineAt: string | null;
  openedAt: string;
  /** When the last command's events occurred. */
  updatedAt: string;
}

/** The projection of `state` as the command whose events occurred at `at` left it. */
export function projectionOf(state: DisputeState, at: string): DisputeProjection {
  return {
    orderId: state.orderId ?? '',
    buyerId: state.buyerId ?? '',
    sellerId: state.sellerId ?? '',
    status: state.status,
    reason: state.reason ?? '',
    version: state.version,
    state,
    nextDeadlineAt: pendingDeadlines(state)[0]?.dueAt ?? null,
    openedAt: state.openedAt ?? at,
    updatedAt: at,
  };
}
