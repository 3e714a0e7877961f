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
  | 'RETURN_RECEIPT';

export interface Deadline {
  kind: DeadlineKind;
  dueAt: string;
  /** Sent with actor { role: 'SYSTEM', id: 'clock' } once dueAt has come. */
  command: DisputeCommand;
}

const timer = (kind: DeadlineKind, dueAt: string, command: DisputeCommand): Deadline => ({ kind, dueAt, command });
const empty = {} as Record<string, never>;

export function pendingDeadlines(state: DisputeState): Deadline[] {
  const out: Deadline[] = [];
  switch (state.status) {
    case 'OPEN':
      if (state.sellerResponseDueAt) {
        out.push(timer('SELLER_RESPONSE', state.sellerResponseDueAt, { type: 'SellerResponseWindowElapsed', actor: CLOCK, data: empty }));
      }
      break;
    case 'NEGOTIATING':
      if (state.negotiationDueAt) {
        out.push(timer('NEGOTIATION', state.negotiationDueAt, { type: 'NegotiationWindowElapsed', actor: CLOCK, data: empty }));
      }
      break;
    case 'UNDER_MEDIATION':
    case 'UNDER_APPEAL':
      if (state.mediation && !state.mediation.slaBreached) {
        out.push(timer('MEDIATION_SLA', state.mediation.slaDueAt, { type: 'MediationSlaElapsed', actor: CLOCK, data: empty }));
      }
      for (const request of state.informationRequests) {
        if (request.status === 'OPEN') {
          out.push(
            timer('INFORMATION_REQUEST', request.dueAt, {
              type: 'InformationRequestElapsed',
              actor: CLOCK,
              data: { requestId: request.requestId },
            }),
          );
        }
      }
      break;
    case 'DECIDED':
      if (state.decision?.appealDueAt) {
        out.push(timer('APPEAL_WINDOW', state.decision.appealDueAt, { type: 'AppealWindowElapsed', actor: CLOCK, data: empty }));
      }
      break;
    case 'AWAITING_RETURN':
      if (state.return) {
        out.push(timer('RETURN_SHIPMENT', state.return.shipmentDueAt, { type: 'ReturnShipmentWindowElapsed', actor: CLOCK, data: empty }));
      }
      break;
    case 'RETURN_IN_TRANSIT':
      if (state.return?.receiptDueAt) {
        out.push(timer('RETURN_RECEIPT', state.return.receiptDueAt, { type: 'ReturnReceiptWindowElapsed', actor: CLOCK, data: empty }));
      }
      break;
    default:
      break;
  }
  // Stable order: by time, then by kind, so two equal timers always come out the same way.
  return out.sort((a, b) => (parseIso(a.dueAt) ?? 0) - (parseIso(b.dueAt) ?? 0) || a.kind.localeCompare(b.kind));
}
