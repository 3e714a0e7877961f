// The deadlines a mediator may extend (ExtendDeadline), one row per kind: where its due date
// lives in the state. The current due date is read from pendingDeadlines, so only a running
// deadline can move, and moving the state field moves the workflow's timer with it. A new
// extendable kind is one more row.
import { pendingDeadlines, type Deadline, type DeadlineKind } from './deadlines';
import type { DisputeState } from './state';

/** Where a kind's due date and its count of extensions live; a fresh record (a new round, request or return) starts at zero. */
interface ExtendableRow {
  extensions(state: DisputeState, requestId: string | null): number;
  move(state: DisputeState, requestId: string | null, dueAt: string): Partial<DisputeState>;
}

const bump = (count: number | undefined): number => (count ?? 0) + 1;

/** Changes a sub-record; decide never extends a deadline whose record does not exist, so a miss changes nothing. */
function onRecord<K extends 'mediation' | 'return' | 'replacement'>(state: DisputeState, key: K, change: (record: NonNullable<DisputeState[K]>) => Partial<NonNullable<DisputeState[K]>>): Partial<DisputeState> {
  const record = state[key];
  return record ? { [key]: { ...record, ...change(record as NonNullable<DisputeState[K]>) } } : {};
}

export const EXTENDABLE_DEADLINES = {
  MEDIATION_SLA: {
    extensions: (state) => state.mediation?.slaExtensions ?? 0,
    move: (state, _requestId, dueAt) => onRecord(state, 'mediation', (m) => ({ slaDueAt: dueAt, slaExtensions: bump(m.slaExtensions) })),
  },
  INFORMATION_REQUEST: {
    extensions: (state, requestId) => state.informationRequests.find((r) => r.requestId === requestId)?.extensions ?? 0,
    move: (state, requestId, dueAt) => ({
      informationRequests: state.informationRequests.map((r) => (r.requestId === requestId ? { ...r, dueAt, extensions: bump(r.extensions) } : r)),
    }),
  },
  RETURN_SHIPMENT: {
    extensions: (state) => state.return?.shipmentExtensions ?? 0,
    move: (state, _requestId, dueAt) => onRecord(state, 'return', (r) => ({ shipmentDueAt: dueAt, shipmentExtensions: bump(r.shipmentExtensions) })),
  },
  RETURN_RECEIPT: {
    extensions: (state) => state.return?.receiptExtensions ?? 0,
    move: (state, _requestId, dueAt) => onRecord(state, 'return', (r) => ({ receiptDueAt: dueAt, receiptExtensions: bump(r.receiptExtensions) })),
  },
  REPLACEMENT_SHIPMENT: {
    extensions: (state) => state.replacement?.shipmentExtensions ?? 0,
    move: (state, _requestId, dueAt) => onRecord(state, 'replacement', (r) => ({ shipmentDueAt: dueAt, shipmentExtensions: bump(r.shipmentExtensions) })),
  },
  REPLACEMENT_CONFIRMATION: {
    extensions: (state) => state.replacement?.confirmationExtensions ?? 0,
    move: (state, _requestId, dueAt) => onRecord(state, 'replacement', (r) => ({ confirmationDueAt: dueAt, confirmationExtensions: bump(r.confirmationExtensions) })),
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
