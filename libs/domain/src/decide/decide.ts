// The decider: one switch on the command type, each case delegating to its handler.
import type { DisputeCommand, DisputeCommandType } from '../commands';
import type { Decision } from '../result';
import { refuse, rejection } from '../result';
import type { DisputeState } from '../state';
import { formatIso, parseIso } from '../time';
import { isRecord } from '../records';
import type { DecisionContext, GuardInput, Handler } from './context';
import { HANDLERS } from './handlers';

function run<T extends DisputeCommandType>(handler: Handler<T>, command: Extract<DisputeCommand, { type: T }>, input: GuardInput): Decision {
  const blocked = handler.guard(input);
  return blocked ? refuse(blocked) : handler.decide(command, input);
}

/** Pure: the same command, state and context always give the same decision; never throws. */
export function decide(command: DisputeCommand, state: DisputeState, ctx: DecisionContext): Decision {
  const nowMs = parseIso(ctx?.now);
  if (nowMs === null) return refuse(rejection('VALIDATION', 'The current time must be an ISO-8601 UTC timestamp.', 'now'));
  if (!isRecord(command) || !isRecord(command.actor) || typeof command.actor.id !== 'string' || typeof command.actor.role !== 'string') {
    return refuse(rejection('VALIDATION', 'A command needs a type, an actor with a role and an id, and data.', 'actor'));
  }
  const input: GuardInput = {
    state,
    actor: command.actor,
    now: { iso: formatIso(nowMs), ms: nowMs },
    order: ctx.order ?? null,
    // Once opened, a dispute lives by the policy pinned in its first event.
    policy: state.policy ?? ctx.policy,
    evidenceFiles: Array.isArray(ctx.evidenceFiles) ? ctx.evidenceFiles : [],
    uncheckedCitations: ctx.uncheckedCitations === true,
  };
  switch (command.type) {
    case 'OpenDispute':
      return run(HANDLERS.OpenDispute, command, input);
    case 'RespondToDispute':
      return run(HANDLERS.RespondToDispute, command, input);
    case 'PostMessage':
      return run(HANDLERS.PostMessage, command, input);
    case 'AddEvidence':
      return run(HANDLERS.AddEvidence, command, input);
    case 'MakeOffer':
      return run(HANDLERS.MakeOffer, command, input);
    case 'AcceptOffer':
      return run(HANDLERS.AcceptOffer, command, input);
    case 'RejectOffer':
      return run(HANDLERS.RejectOffer, command, input);
    case 'EscalateDispute':
      return run(HANDLERS.EscalateDispute, command, input);
    case 'WithdrawDispute':
      return run(HANDLERS.WithdrawDispute, command, input);
    case 'ClaimCase':
      return run(HANDLERS.ClaimCase, command, input);
    case 'RequestInformation':
      return run(HANDLERS.RequestInformation, command, input);
    case 'AnswerInformationRequest':
      return run(HANDLERS.AnswerInformationRequest, command, input);
    case 'IssueDecision':
      return run(HANDLERS.IssueDecision, command, input);
    case 'FileAppeal':
      return run(HANDLERS.FileAppeal, command, input);
    case 'DecideAppeal':
      return run(HANDLERS.DecideAppeal, command, input);
    case 'MarkReturnShipped':
      return run(HANDLERS.MarkReturnShipped, command, input);
    case 'ConfirmReturnReceived':
      return run(HANDLERS.ConfirmReturnReceived, command, input);
    case 'ContestReturn':
      return run(HANDLERS.ContestReturn, command, input);
    case 'RequestRefund':
      return run(HANDLERS.RequestRefund, command, input);
    case 'RecordRefundSucceeded':
      return run(HANDLERS.RecordRefundSucceeded, command, input);
    case 'RecordRefundFailed':
      return run(HANDLERS.RecordRefundFailed, command, input);
    case 'SellerResponseWindowElapsed':
      return run(HANDLERS.SellerResponseWindowElapsed, command, input);
    case 'NegotiationWindowElapsed':
      return run(HANDLERS.NegotiationWindowElapsed, command, input);
    case 'MediationSlaElapsed':
      return run(HANDLERS.MediationSlaElapsed, command, input);
    case 'InformationRequestElapsed':
      return run(HANDLERS.InformationRequestElapsed, command, input);
    case 'AppealWindowElapsed':
      return run(HANDLERS.AppealWindowElapsed, command, input);
    case 'ReturnShipmentWindowElapsed':
      return run(HANDLERS.ReturnShipmentWindowElapsed, command, input);
    case 'ReturnReceiptWindowElapsed':
      return run(HANDLERS.ReturnReceiptWindowElapsed, command, input);
    default:
      return unknownCommand(command);
  }
}

/** Compile-time exhaustiveness; at run time a command type from a newer client is a VALIDATION rejection. */
function unknownCommand(command: never): Decision {
  return refuse(rejection('VALIDATION', `Unknown command type ${String((command as { type?: unknown }).type)}.`, 'type'));
}
