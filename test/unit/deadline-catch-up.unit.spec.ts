import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { evolve, pendingDeadlines, type DisputeState } from '../../libs/domain/src';
import { EVENT_SEQUENCE_CONFLICT, type RecordedEventInput } from '../../libs/contracts/src';
import { caughtUp, deadlineCommandId, isDeadlineCommand, isSequenceConflict } from '../../workflows/dispute/appends-in-task';
import { at, ctx, DAY } from './support/fixtures';
import { histories } from './support/histories';
import { deadlineDecided } from '../support/stored-ahead';

// What a retried workflow task makes of events its failed attempt's local append stored ahead of
// its history (workflows/dispute/appends-in-task.ts): a deadline's are adopted, anything else is a
// conflict that stops the dispute as before.

/** The seller-response deadline of an open dispute, decided at `now` and recorded as the workflow records it. */
const storedDeadline = (state: DisputeState, now: string, commandId?: string): RecordedEventInput[] => deadlineDecided(state, ctx(now), commandId).events;

const NONE_IN_HAND: ReadonlySet<string> = new Set();

describe('catching up with a deadline stored ahead of the workflow', () => {
  const open = histories.open().state;
  const dueAt = pendingDeadlines(open)[0].dueAt;

  it('adopts the stored escalation: the state it leads to, and the deadline answered by its sequences', () => {
    const ahead = storedDeadline(open, dueAt);
    const caught = caughtUp(open, ahead, NONE_IN_HAND);
    expect(caught).not.toBeNull();
    expect(caught!.state).toEqual(ahead.reduce((state, event) => evolve(state, { type: event.type, data: event.payload } as never), open));
    expect(caught!.state.status).toBe('UNDER_MEDIATION');
    expect(caught!.state.version).toBe(open.version + ahead.length);
    expect(caught!.commands).toEqual([{ commandId: ahead[0].commandId, recordedSequences: ahead.map((event) => event.sequence) }]);
  });

  it('keeps the stored decision, not the one the retried task would make at its own moment', () => {
    const stored = caughtUp(open, storedDeadline(open, dueAt), NONE_IN_HAND)!.state;
    const later = caughtUp(open, storedDeadline(open, at(30 * DAY)), NONE_IN_HAND)!.state;
    expect(stored.mediation?.slaDueAt).not.toBe(later.mediation?.slaDueAt);
    expect(stored.lastEventAt).toBe(dueAt);
  });

  it('refuses what cannot be its own: nothing ahead, a gap, or a command that is not a deadline', () => {
    expect(caughtUp(open, [], NONE_IN_HAND)).toBeNull();
    expect(caughtUp(open, [], 'any')).toBeNull();
    const ahead = storedDeadline(open, dueAt);
    expect(caughtUp(open, ahead.map((event) => ({ ...event, sequence: event.sequence + 1 })), NONE_IN_HAND)).toBeNull();
    expect(caughtUp(open, storedDeadline(open, dueAt, 'a-client-command'), NONE_IN_HAND)).toBeNull();
    expect(caughtUp(open, ahead.map((event) => ({ ...event, commandId: null })), NONE_IN_HAND)).toBeNull();
  });

  it('adopts a command of the batch in hand (the opening a retried first task stores again), and refuses one not in hand', () => {
    const ahead = storedDeadline(open, dueAt, 'BUYER:buyer-1:key-7');
    expect(caughtUp(open, ahead, new Set(['BUYER:buyer-1:key-7']))?.commands).toEqual([{ commandId: 'BUYER:buyer-1:key-7', recordedSequences: ahead.map((event) => event.sequence) }]);
    expect(caughtUp(open, ahead, new Set(['BUYER:buyer-1:key-8']))).toBeNull();
  });

  it('adopts whatever is stored contiguously when the run has stored nothing yet (any), but never a gap', () => {
    const ahead = storedDeadline(open, dueAt, 'BUYER:buyer-1:key-7');
    expect(caughtUp(open, ahead, 'any')?.state.status).toBe('UNDER_MEDIATION');
    expect(caughtUp(open, ahead.map((event) => ({ ...event, sequence: event.sequence + 1 })), 'any')).toBeNull();
    expect(caughtUp(open, ahead.map((event) => ({ ...event, commandId: null })), 'any')).toBeNull();
  });

  it('knows a deadline command by its id', () => {
    expect(isDeadlineCommand(deadlineCommandId(pendingDeadlines(open)[0]))).toBe(true);
    expect(isDeadlineCommand('8a4b3c1e-0d2f-4f7a-9b1c-2e3d4f5a6b7c')).toBe(false);
    expect(isDeadlineCommand(null)).toBe(false);
  });

  it('tells the store’s conflict from any other failure of the append', () => {
    const failed = (cause: Error) => new ActivityFailure('appendEvents failed', 'appendEvents', '1', RetryState.NON_RETRYABLE_FAILURE, undefined, cause);
    expect(isSequenceConflict(failed(ApplicationFailure.create({ type: EVENT_SEQUENCE_CONFLICT, message: 'taken', nonRetryable: true })))).toBe(true);
    expect(isSequenceConflict(failed(ApplicationFailure.create({ type: 'SOMETHING_ELSE', message: 'down' })))).toBe(false);
    // A local activity's failure reaches the workflow unwrapped.
    expect(isSequenceConflict(ApplicationFailure.create({ type: EVENT_SEQUENCE_CONFLICT, message: 'taken', nonRetryable: true }))).toBe(true);
    expect(isSequenceConflict(ApplicationFailure.create({ type: 'SOMETHING_ELSE', message: 'down' }))).toBe(false);
    expect(isSequenceConflict(new Error(EVENT_SEQUENCE_CONFLICT))).toBe(false);
  });
});
