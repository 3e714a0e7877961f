import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { evolve, type Deadline, type DisputeEvent, type DisputeState } from '../../libs/domain/src';
import { EVENT_SEQUENCE_CONFLICT, type RecordedEventInput } from '../../libs/contracts/src';
import type { RememberedCommand } from './memory';

// Batches stored by the append as a local activity, in the workflow task that decided them, and
// the catch-up of a retried task with what its failed attempt stored. The patches are asked
// through `patchInEffect`: `consolidated-patches-3` stands for all three.

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

/**
 * The same for every batch, people's commands too: the task that receives an Update decides the
 * command, stores it and answers the Update, where before the Update waited for an activity task
 * and a second workflow task. A retried task adopts whatever its failed attempt stored (`caughtUp`);
 * an Update the Temporal server dropped with that task leaves its command stored and adopted by
 * the next append, and answered from memory when its client sends it again (docs/decisions.md).
 */
export const COMMAND_IN_ONE_TASK = 'command-in-one-task';

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
 * The state and the answered commands after events found stored beyond `state`, or null when
 * there are none or they do not continue it (a gap, an event without a command id). Only a local
 * append writes ahead of the workflow's history, and the workflow is its dispute's single writer,
 * so what continues its state is what a failed task of its own decided: a deadline's, the
 * opening's, a person's command whose Update may never come back.
 */
export function caughtUp(state: DisputeState, ahead: RecordedEventInput[]): CaughtUp | null {
  if (ahead.length === 0) return null;
  if (ahead.some((event, index) => event.sequence !== state.version + index + 1 || event.commandId === null)) return null;
  const next = ahead.reduce((folded, event) => evolve(folded, { type: event.type, data: event.payload } as DisputeEvent), state);
  const commands: RememberedCommand[] = [];
  for (const event of ahead) {
    const last = commands[commands.length - 1];
    if (last?.commandId === event.commandId) last.recordedSequences.push(event.sequence);
    else commands.push({ commandId: event.commandId!, recordedSequences: [event.sequence] });
  }
  return { state: next, commands };
}
