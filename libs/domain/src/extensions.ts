// The deadlines a mediator may extend (ExtendDeadline), one row per kind: where its due date
// lives in the state. The current due date is read from pendingDeadlines, so only a running
// deadline can move, and moving the state field moves the workflow's timer with it. A new
// extendable kind (a replacement's shipment or confirmation window) is one more row.
import { pendingDeadlines, type Deadline, type DeadlineKind } from './deadlines';
import type { DisputeState } from './state';

/** Where a kind's due date and its count of extensions live; a fresh record (a new round, request or return) starts at zero. */
interface ExtendableRow {
  extensions(state: DisputeState, requestId: string | null): number;
  move(state: DisputeState, requestId: string | null, dueAt: string): Partial<DisputeState>;
}

export const EXTENDABLE_DEADLINES = {
  MEDIATION_SLA: {
    extensions: (state) => state.mediation?.slaExtensions ?? 0,
    move: (state, _requestId, dueAt) => (state.mediation ? { mediation: { ...state.mediation, slaDueAt: dueAt, slaExtensions: (state.mediation.slaExtensions ?? 0) + 1 } } : {}),
  },
  INFORMATION_REQUEST: {
    extensions: (state, requestId) => state.informationRequests.find((r) => r.requestId === requestId)?.extensions ?? 0,
    move: (state, requestId, dueAt) => ({
      informationRequests: state.informationRequests.map((r) => (r.requestId === requestId ? { ...r, dueAt, extensions: (r.extensions ?? 0) + 1 } : r)),
    }),
  },
  RETURN_SHIPMENT: {
    extensions: (state) => state.return?.shipmentExtensions ?? 0,
    move: (state, _requestId, dueAt) => (state.return ? { return: { ...state.return, shipmentDueAt: dueAt, shipmentExtensions: (state.return.shipmentExtensions ?? 0) + 1 } } : {}),
  },
  RETURN_RECEIPT: {
    extensions: (state) => state.return?.receiptExtensions ?? 0,
    move: (state, _requestId, dueAt) => (state.return ? { return: { ...state.return, receiptDueAt: dueAt, receiptExtensions: (state.return.receiptExtensions ?? 0) + 1 } } : {}),
  },
} as const satisfies Partial<Record<DeadlineKind, ExtendableRow>>;

export type ExtendableDeadlineKind = keyof typeof EXTENDABLE_DEADLINES;
export const EXTENDABLE_DEADLINE_KINDS = Object.keys(EXTENDABLE_DEADLINES) as ExtendableDeadlineKind[];

export const isExtendable = (kind: DeadlineKind): kind is ExtendableDeadlineKind => Object.hasOwn(EXTENDABLE_DEADLINES, kind);

/** The request an information request's deadline belongs to; null for every other kind. */
export const requestIdOf = (deadline: Deadline): string | null => (deadline.command.type === 'InformationRequestElapsed' ? deadline.command.data.requestId : null);

/** The running deadline of this kind (and request), or null when none runs now. */
export function runningDeadline(state: DisputeState, kind: DeadlineKind, requestId: string | null): Deadline | null {
  return pendingDeadlines(state).find((d) => d.kind === kind && requestIdOf(d) === requestId) ?? null;
}

/** How often this running deadline (this round's SLA, this request, this return) was already extended. */
export function extensionsOf(state: DisputeState, kind: ExtendableDeadlineKind, requestId: string | null): number {
  return EXTENDABLE_DEADLINES[kind].extensions(state, requestId);
}

/** The running deadlines a mediator could still extend: extendable kind, extensions left. */
export function extendableDeadlines(state: DisputeState, maxExtensions: number): Deadline[] {
  return pendingDeadlines(state).filter(
    (d) => isExtendable(d.kind) && extensionsOf(state, d.kind, requestIdOf(d)) < maxExtensions,
  );
}
