// The deadlines a mediator may extend (ExtendDeadline), one row per kind: where its due date
// lives in the state. The current due date is read from pendingDeadlines, so only a running
// deadline can move, and moving the state field moves the workflow's timer with it. A new
// extendable kind (a replacement's shipment or confirmation window) is one more row.
import { pendingDeadlines, type Deadline, type DeadlineKind } from './deadlines';
import type { DisputeState } from './state';

type Move = (state: DisputeState, requestId: string | null, dueAt: string) => Partial<DisputeState>;

export const EXTENDABLE_DEADLINES = {
  MEDIATION_SLA: (state, _requestId, dueAt) => (state.mediation ? { mediation: { ...state.mediation, slaDueAt: dueAt } } : {}),
  INFORMATION_REQUEST: (state, requestId, dueAt) => ({
    informationRequests: state.informationRequests.map((r) => (r.requestId === requestId ? { ...r, dueAt } : r)),
  }),
  RETURN_SHIPMENT: (state, _requestId, dueAt) => (state.return ? { return: { ...state.return, shipmentDueAt: dueAt } } : {}),
  RETURN_RECEIPT: (state, _requestId, dueAt) => (state.return ? { return: { ...state.return, receiptDueAt: dueAt } } : {}),
} as const satisfies Partial<Record<DeadlineKind, Move>>;

export type ExtendableDeadlineKind = keyof typeof EXTENDABLE_DEADLINES;
export const EXTENDABLE_DEADLINE_KINDS = Object.keys(EXTENDABLE_DEADLINES) as ExtendableDeadlineKind[];

/** The request an information request's deadline belongs to; null for every other kind. */
export const requestIdOf = (deadline: Deadline): string | null => (deadline.command.type === 'InformationRequestElapsed' ? deadline.command.data.requestId : null);

/** The running deadline of this kind (and request), or null when none runs now. */
export function runningDeadline(state: DisputeState, kind: DeadlineKind, requestId: string | null): Deadline | null {
  return pendingDeadlines(state).find((d) => d.kind === kind && requestIdOf(d) === requestId) ?? null;
}

/**
 * How often the deadline now due at `dueAt` was already extended: the ledger's chain of
 * extensions that led to this due date. A new instance (another mediation round, another
 * request) starts a new chain, so the limit applies per instance.
 */
export function extensionsOf(state: DisputeState, kind: DeadlineKind, requestId: string | null, dueAt: string): number {
  const ledger = state.deadlineExtensions ?? [];
  let count = 0;
  let due = dueAt;
  for (let i = ledger.length - 1; i >= 0; i--) {
    const entry = ledger[i];
    if (entry.deadline === kind && entry.requestId === requestId && entry.dueAt === due) {
      count += 1;
      due = entry.previousDueAt;
    }
  }
  return count;
}

/** The running deadlines a mediator could still extend: extendable kind, extensions left. */
export function extendableDeadlines(state: DisputeState, maxExtensions: number): Deadline[] {
  return pendingDeadlines(state).filter(
    (d) => Object.hasOwn(EXTENDABLE_DEADLINES, d.kind) && extensionsOf(state, d.kind, requestIdOf(d), d.dueAt) < maxExtensions,
  );
}
