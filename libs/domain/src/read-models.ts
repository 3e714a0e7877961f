// Questions UIs and the API ask of a state: what may this actor do now, and who must act next.
import type { DisputeCommandType } from './commands';
import { COMMAND_TYPES } from './commands';
import { CURRENT_RULEBOOK, type GuardInput } from './decide/context';
import { HANDLERS } from './decide/handlers';
import type { Policy } from './policy';
import { defaultPolicy } from './policy';
import type { DisputeState } from './state';
import { formatIso, parseIso } from './time';
import type { Actor, Money, OrderFacts, Role } from './types';

export interface AvailabilityContext {
  /** Defaults to the time of the last event. */
  now?: string;
  /** Needed only to ask whether a dispute may be opened. */
  order?: OrderFacts | null;
  policy?: Policy;
}

/**
 * The command types this actor may issue now: a type is listed exactly when some well-formed
 * command of that type from this actor would be accepted by decide at `now`. It asks the same
 * guards decide runs, so the two cannot disagree.
 */
export function availableActions(state: DisputeState, actor: Actor, ctx: AvailabilityContext = {}): DisputeCommandType[] {
  const nowMs = parseIso(ctx.now ?? state.lastEventAt) ?? 0;
  const input: GuardInput = {
    state,
    actor,
    now: { iso: formatIso(nowMs), ms: nowMs },
    order: ctx.order ?? null,
    policy: state.policy ?? ctx.policy ?? defaultPolicy,
    // Guards never read a command's data, so the files it would cite do not matter here.
    evidenceFiles: [],
    uncheckedCitations: false,
    rulebook: CURRENT_RULEBOOK,
  };
  return COMMAND_TYPES.filter((type) => HANDLERS[type].guard(input) === null);
}

export interface Turn {
  role: Role;
  reason: string;
  dueAt: string | null;
}

/** Who is expected to act next, shown with the deadline that applies to them. */
export function whoseTurn(state: DisputeState): Turn | null {
  switch (state.status) {
    case 'OPEN':
      return { role: 'SELLER', reason: 'The seller must respond to the dispute.', dueAt: state.sellerResponseDueAt };
    case 'NEGOTIATING': {
      const open = state.offers.filter((o) => o.status === 'OPEN');
      const latest = open.length > 0 ? open[open.length - 1] : null;
      if (latest) {
        const role = latest.by === 'BUYER' ? 'SELLER' : 'BUYER';
        return { role, reason: `The ${role.toLowerCase()} should answer offer #${latest.offerNumber}.`, dueAt: state.negotiationDueAt };
      }
      return { role: 'BUYER', reason: 'The buyer should make an offer or escalate.', dueAt: state.negotiationDueAt };
    }
    case 'UNDER_MEDIATION':
    case 'UNDER_APPEAL': {
      const request = state.informationRequests.find((r) => r.status === 'OPEN');
      if (request) return { role: request.from, reason: 'The mediator asked for information.', dueAt: request.dueAt };
      const dueAt = state.mediation?.slaDueAt ?? null;
      if (!state.mediation?.mediatorId) return { role: 'MEDIATOR', reason: 'A mediator must claim the case.', dueAt };
      return {
        role: 'MEDIATOR',
        reason: state.status === 'UNDER_APPEAL' ? 'The mediator must decide the appeal.' : 'The mediator must decide the case.',
        dueAt,
      };
    }
    case 'DECIDED': {
      // The party the ruling went against is the one who would appeal.
      const role = state.decision?.outcome === 'NO_REFUND' ? 'BUYER' : 'SELLER';
      return { role, reason: `The ${role.toLowerCase()} may appeal the decision.`, dueAt: state.decision?.appealDueAt ?? null };
    }
    case 'AWAITING_RETURN':
      return { role: 'BUYER', reason: 'The buyer must ship the item back.', dueAt: state.return?.shipmentDueAt ?? null };
    case 'RETURN_IN_TRANSIT':
      return { role: 'SELLER', reason: 'The seller must confirm or contest receipt of the return.', dueAt: state.return?.receiptDueAt ?? null };
    case 'AWAITING_REPLACEMENT':
      return { role: 'SELLER', reason: 'The seller must ship the replacement.', dueAt: state.replacement?.shipmentDueAt ?? null };
    case 'REPLACEMENT_IN_TRANSIT':
      return { role: 'BUYER', reason: 'The buyer must confirm the replacement arrived or report a problem.', dueAt: state.replacement?.confirmationDueAt ?? null };
    case 'RESOLVED':
      return { role: 'SYSTEM', reason: 'The refund must be executed.', dueAt: null };
    default:
      return null;
  }
}

/** The refund the workflow should execute now, or null: set once resolved with money owed and no attempt in flight. */
export function refundDue(state: DisputeState): Money | null {
  if (state.status !== 'RESOLVED' || !state.outcome?.refund) return null;
  if (state.refund && state.refund.status !== 'FAILED') return null;
  return state.outcome.refund;
}
