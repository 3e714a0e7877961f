// The decider: the command type picks its handler from the one table (HANDLERS).
import type { DisputeCommand, DisputeCommandType } from '../commands';
import type { Decision } from '../result';
import { refuse, rejection } from '../result';
import type { DisputeState } from '../state';
import { formatIso, parseIso } from '../time';
import { isRecord } from '../records';
import { CURRENT_RULEBOOK, type DecisionContext, type GuardInput, type Handler } from './context';
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
    rulebook: ctx.rulebook === 1 ? 1 : CURRENT_RULEBOOK,
  };
  // An own key only: a command type from a newer client, or `toString`, is not a handler.
  if (!Object.hasOwn(HANDLERS, command.type)) return unknownCommand(command);
  return run(HANDLERS[command.type] as Handler<typeof command.type>, command, input);
}

/** A command type no handler knows (a newer client's) is a VALIDATION rejection. */
function unknownCommand(command: { type?: unknown }): Decision {
  return refuse(rejection('VALIDATION', `Unknown command type ${String(command.type)}.`, 'type'));
}
