import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { evolve, type Deadline, type DisputeEvent, type DisputeState } from '../../libs/domain/src';
import { EVENT_SEQUENCE_CONFLICT, type RecordedEventInput } from '../../libs/contracts/src';
import type { RememberedCommand } from './memory';

// Batches stored by the append as a local activity, in the workflow task that decided them (a
// deadline's, the opening's), and the catch-up of a retried task with what its failed attempt
// stored. Both patches are asked through `patchInEffect`: `consolidated-patches-2` stands for them.

/**
 * Since this patch a deadline's events are stored by a local activity, inside the workflow task
 * its timer woke: one task per deadline instead of two (the timer's, then the append's
 * completion). A worker whose cache cannot hold every dispute of a burst replayed each woken
 * dispute twice; now once, and the Temporal server carries no activity task for it.
 *
 * A local activity writes before its workflow task completes, and that task can still fail; the
 * retried task may then find the deadline's events stored (by the same decision, at another
 * `now`) ahead of its own history. `caughtUp` adopts them (docs/decisions.md).
 */
export const DEADLINE_IN_ONE_TASK = 'deadline-in-one-task';

/**
 * The same for the opening: stored by a local activity in the workflow's first task, which then
 * answers the opening's Update, instead of a second task after an activity task. A retried first
 * task adopts the opening by its command id, in hand again; a run whose grace runs out with none
 * in hand looks in the store before it concludes the opening was refused (`adoptStoredOpening`).
 */
export const OPENING_IN_ONE_TASK = 'opening-in-one-task';

const DEADLINE_COMMAND_PREFIX = 'deadline:';

/** A deadline's command id: the same for every attempt at that deadline, so a retry is recognised. */
export function deadlineCommandId(deadline: Deadline): string {
  return `${DEADLINE_COMMAND_PREFIX}${deadline.kind}:${deadline.dueAt}`;
}

export function isDeadlineCommand(commandId: string | null): boolean {
  return commandId !== null && commandId.startsWith(DEADLINE_COMMAND_PREFIX);
}

/**
 * The store refused the batch: a different event holds one of its sequences. A regular activity's
 * failure arrives wrapped in an ActivityFailure; a local activity's as the failure it raised.
 */
export function isSequenceConflict(error: unknown): boolean {
  const failure = error instanceof ActivityFailure ? error.cause : error;
  return failure instanceof ApplicationFailure && failure.type === EVENT_SEQUENCE_CONFLICT;
}

export interface CaughtUp {
  state: DisputeState;
  commands: RememberedCommand[];
}

/**
 * The state and the answered commands after events found stored beyond `state`, or null when they
 * cannot be this workflow's own. Only a local append (a deadline's, or the opening's) writes ahead
 * of the workflow's history, so each event must be a deadline's or a command's in hand (the batch
 * the retried task is storing); `'any'` when the workflow has stored nothing yet and anything
 * stored for its dispute is its own. Anything else ahead (or a gap) is a real conflict, which
 * stops the dispute as before.
 */
export function caughtUp(state: DisputeState, ahead: RecordedEventInput[], inHand: ReadonlySet<string> | 'any'): CaughtUp | null {
  if (ahead.length === 0) return null;
  const own = (commandId: string | null) => commandId !== null && (inHand === 'any' || isDeadlineCommand(commandId) || inHand.has(commandId));
  if (ahead.some((event, index) => event.sequence !== state.version + index + 1 || !own(event.commandId))) return null;
  const next = ahead.reduce((folded, event) => evolve(folded, { type: event.type, data: event.payload } as DisputeEvent), state);
  const commands: RememberedCommand[] = [];
  for (const event of ahead) {
    const last = commands[commands.length - 1];
    if (last?.commandId === event.commandId) last.recordedSequences.push(event.sequence);
    else commands.push({ commandId: event.commandId!, recordedSequences: [event.sequence] });
  }
  return { state: next, commands };
}
