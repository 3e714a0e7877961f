// What a handler gets besides the command: the state, the context, and `now` already parsed.
import type { DisputeCommandType, CommandOf } from '../commands';
import type { Policy } from '../policy';
import type { Decision } from '../result';
import type { DisputeState } from '../state';
import type { Actor, OrderFacts, Rejection } from '../types';

export interface DecisionContext {
  /** ISO-8601 UTC; the only source of time the core has. */
  now: string;
  /** The order, for OpenDispute; later commands use the snapshot pinned at opening. */
  order: OrderFacts | null;
  /** The policy in force now, pinned by OpenDispute; later commands use the pinned one. */
  policy: Policy;
}

export interface Now {
  iso: string;
  ms: number;
}

/** What a guard may look at: everything but the command's payload. */
export interface GuardInput {
  state: DisputeState;
  actor: Actor;
  now: Now;
  order: OrderFacts | null;
  policy: Policy;
}

/**
 * A handler is split in two so that `availableActions` can ask the same question `decide`
 * asks: the guard decides from state, actor and time alone whether *some* well-formed command
 * of this type could be accepted; `decide` then reads the payload. A guard never looks at data.
 */
export interface Handler<T extends DisputeCommandType> {
  guard(input: GuardInput): Rejection | null;
  decide(command: CommandOf<T>, input: GuardInput): Decision;
}
