// What a handler gets besides the command: the state, the context, and `now` already parsed.
import type { DisputeCommandType, CommandOf } from '../commands';
import type { UploadedFile } from '../citations';
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
  /**
   * The upload catalog's facts of the files the command cites (citedEvidenceIds), looked up by
   * the sender; an id missing here was never uploaded. Absent means none.
   */
  evidenceFiles?: readonly UploadedFile[];
  /**
   * Set only when a workflow replays a history recorded before citations were checked (the
   * `evidence-catalog` patch): those commands are decided as they were then.
   */
  uncheckedCitations?: boolean;
  /**
   * Which edition of the rulebook decides (docs/rulebook.md). Absent means the current one. A
   * workflow replaying a history recorded before the `rulebook-v2` patch passes 1, so commands
   * recorded then are decided exactly as they were (docs/versioning.md).
   */
  rulebook?: RulebookEdition;
}

/** 1: the seed's rules; 2: settling at any stage, the mediator's full job, replacement and return sub-flows, money in every currency. */
export type RulebookEdition = 1 | 2;
export const CURRENT_RULEBOOK: RulebookEdition = 2;

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
  evidenceFiles: readonly UploadedFile[];
  uncheckedCitations: boolean;
  rulebook: RulebookEdition;
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
