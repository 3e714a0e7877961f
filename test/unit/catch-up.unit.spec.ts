import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { evolve, pendingDeadlines, type DisputeState } from '../../libs/domain/src';
import { EVENT_SEQUENCE_CONFLICT, type RecordedEventInput } from '../../libs/contracts/src';
import { caughtUp, deadlineCommandId, isDeadlineCommand, isSequenceConflict } from '../../workflows/dispute/appends-in-task';
import { at, buyer, ctx, DAY, seller } from './support/fixtures';
import { histories } from './support/histories';
import { commandDecided, deadlineDecided } from '../support/stored-ahead';

// What a retried workflow task makes of events its failed attempt's local append stored ahead of
// its history (workflows/dispute/appends-in-task.ts): whatever continues its state is its own and
// adopted; nothing, a gap or an event without a command id is a conflict that stops the dispute.

/** The seller-response deadline of an open dispute, decided at `now` and recorded as the workflow records it. */
const storedDeadline = (state: DisputeState, now: string, commandId?: string): RecordedEventInput[] => deadlineDecided(state, ctx(now), commandId).events;

const folded = (state: DisputeState, events: RecordedEventInput[]) => events.reduce((next, event) => evolve(next, { type: event.type, data: event.payload } as never), state);

describe('catching up with events stored ahead of the workflow', () => {
  const open = histories.open().state;
  const dueAt = pendingDeadlines(open)[0].dueAt;

  it('adopts the stored escalation: the state it leads to, and the deadline answered by its sequences', () => {
    const ahead = storedDeadline(open, dueAt);
    const caught = caughtUp(open, ahead);
    expect(caught).not.toBeNull();
    expect(caught!.state).toEqual(folded(open, ahead));
    expect(caught!.state.status).toBe('UNDER_MEDIATION');
    expect(caught!.state.version).toBe(open.version + ahead.length);
    expect(caught!.commands).toEqual([{ commandId: ahead[0].commandId, recordedSequences: ahead.map((event) => event.sequence) }]);
  });

  it('keeps the stored decision, not the one the retried task would make at its own moment', () => {
    const stored = caughtUp(open, storedDeadline(open, dueAt))!.state;
    const later = caughtUp(open, storedDeadline(open, at(30 * DAY)))!.state;
    expect(stored.mediation?.slaDueAt).not.toBe(later.mediation?.slaDueAt);
    expect(stored.lastEventAt).toBe(dueAt);
  });

  it('adopts people’s commands it never answered (an Update lost with its task), each remembered by its own id', () => {
    const message = commandDecided(open, { type: 'PostMessage', actor: buyer, data: { messageId: 'm-1', body: 'Where is it?' } }, ctx(at(DAY)), 'BUYER:buyer-1:key-7');
    const answer = commandDecided(message.next, { type: 'PostMessage', actor: seller, data: { messageId: 'm-2', body: 'On its way.' } }, ctx(at(DAY + 60_000)), 'SELLER:seller-1:key-3');
    const ahead = [...message.events, ...answer.events];
    const caught = caughtUp(open, ahead);
    expect(caught?.state).toEqual(answer.next);
    expect(caught?.commands).toEqual([
      { commandId: 'BUYER:buyer-1:key-7', recordedSequences: message.events.map((event) => event.sequence) },
      { commandId: 'SELLER:seller-1:key-3', recordedSequences: answer.events.map((event) => event.sequence) },
    ]);
  });

  it('refuses what does not continue its state: nothing ahead, a gap, an overlap, an event without a command id', () => {
    const ahead = storedDeadline(open, dueAt);
    expect(caughtUp(open, [])).toBeNull();
    expect(caughtUp(open, ahead.map((event) => ({ ...event, sequence: event.sequence + 1 })))).toBeNull();
    expect(caughtUp(open, ahead.map((event) => ({ ...event, sequence: event.sequence - 1 })))).toBeNull();
    expect(caughtUp(open, ahead.map((event, index) => (index === ahead.length - 1 ? { ...event, commandId: null } : event)))).toBeNull();
    // The same events do continue the state they were decided on.
    expect(caughtUp(open, ahead)).not.toBeNull();
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
