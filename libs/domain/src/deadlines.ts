// The timers a dispute's workflow must wait on, derived from state alone: the workflow sleeps
// until the earliest dueAt and then sends the deadline's command through decide like any other.
import type { DisputeCommand } from './commands';
import { CLOCK } from './commands';
import type { DisputeState } from './state';
import { parseIso } from './time';

export type DeadlineKind =
  | 'SELLER_RESPONSE'
  | 'NEGOTIATION'
  | 'MEDIATION_SLA'
  | 'INFORMATION_REQUEST'
  | 'APPEAL_WINDOW'
  | 'RETURN_SHIPMENT'
  | 'RETURN_RECEIPT'
  | 'REPLACEMENT_SHIPMENT'
  | 'REPLACEMENT_CONFIRMATION';

export interface Deadline {
  kind: DeadlineKind;
  dueAt: string;
  /** Sent with actor { role: 'SYSTEM', id: 'clock' } once dueAt has come. */
  command: DisputeCommand;
}

type TimerType = Exclude<Extract<DisputeCommand['type'], `${string}Elapsed`>, 'InformationRequestElapsed'>;

/** The timer of a waiting state, when that state has one running. */
const timer = (kind: DeadlineKind, dueAt: string | null | undefined, type: TimerType): Deadline[] =>
  dueAt ? [{ kind, dueAt, command: { type, actor: CLOCK, data: {} } }] : [];

function running(state: DisputeState): Deadline[] {
  switch (state.status) {
    case 'OPEN':
      return timer('SELLER_RESPONSE', state.sellerResponseDueAt, 'SellerResponseWindowElapsed');
    case 'NEGOTIATING':
      return timer('NEGOTIATION', state.negotiationDueAt, 'NegotiationWindowElapsed');
    case 'UNDER_MEDIATION':
    case 'UNDER_APPEAL':
      return [
        // The SLA alerts once per round; after the breach nothing waits on it.
        ...timer('MEDIATION_SLA', state.mediation?.slaBreached ? null : state.mediation?.slaDueAt, 'MediationSlaElapsed'),
        ...state.informationRequests
          .filter((r) => r.status === 'OPEN')
          .map((r): Deadline => ({
            kind: 'INFORMATION_REQUEST',
            dueAt: r.dueAt,
            command: { type: 'InformationRequestElapsed', actor: CLOCK, data: { requestId: r.requestId } },
          })),
      ];
    case 'DECIDED':
      return timer('APPEAL_WINDOW', state.decision?.appealDueAt, 'AppealWindowElapsed');
    case 'AWAITING_RETURN':
      return timer('RETURN_SHIPMENT', state.return?.shipmentDueAt, 'ReturnShipmentWindowElapsed');
    case 'RETURN_IN_TRANSIT':
      return timer('RETURN_RECEIPT', state.return?.receiptDueAt, 'ReturnReceiptWindowElapsed');
    case 'AWAITING_REPLACEMENT':
      return timer('REPLACEMENT_SHIPMENT', state.replacement?.shipmentDueAt, 'ReplacementShipmentWindowElapsed');
    case 'REPLACEMENT_IN_TRANSIT':
      return timer('REPLACEMENT_CONFIRMATION', state.replacement?.confirmationDueAt, 'ReplacementConfirmationWindowElapsed');
    default:
      return [];
  }
}

export function pendingDeadlines(state: DisputeState): Deadline[] {
  const out = running(state);
  // Stable order: by time, then by kind, so two equal timers always come out the same way.
  return out.sort((a, b) => (parseIso(a.dueAt) ?? 0) - (parseIso(b.dueAt) ?? 0) || a.kind.localeCompare(b.kind));
}
