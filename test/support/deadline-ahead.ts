import type { DataSource } from 'typeorm';
import type { RecordedEventInput } from '../../libs/contracts/src';
import { DISPUTE_EVENT_SCHEMA_VERSION, decide, evolve, pendingDeadlines, projectionOf, withoutPolicy, type DecisionContext, type DisputeState } from '../../libs/domain/src';
import { EventStore } from '../../libs/persistence/src';
import { deadlineCommandId } from '../../workflows/dispute/deadline-append';

// What a workflow task leaves when its deadline's local append succeeded and the task then failed
// (workflows/dispute/deadline-append.ts): the next deadline's events, decided at some moment and
// stored ahead of the workflow's history. Pure for the unit specs; stored for the workflow ones.

/** The next deadline of `state`, decided in `context` and recorded as the workflow records it. */
export function deadlineDecided(state: DisputeState, context: DecisionContext, commandId?: string): { events: RecordedEventInput[]; next: DisputeState } {
  const [deadline] = pendingDeadlines(state);
  if (!deadline) throw new Error('the state has no pending deadline');
  const decision = decide(deadline.command, state, context);
  if (!decision.ok) throw new Error(`the deadline was refused: ${decision.rejection.code} ${decision.rejection.message}`);
  const events = decision.events.map((event, index) => ({
    sequence: state.version + index + 1,
    type: event.type,
    payload: event.data,
    actor: { role: deadline.command.actor.role, id: deadline.command.actor.id },
    occurredAt: context.now,
    commandId: commandId ?? deadlineCommandId(deadline),
    schemaVersion: DISPUTE_EVENT_SCHEMA_VERSION,
  }));
  return { events, next: decision.events.reduce(evolve, state) };
}

/**
 * Stores the dispute's next deadline, decided at its own due time, as a failed task's local
 * append would have; the caller must do it before the workflow's timer fires.
 */
export async function storeDeadlineAhead(dataSource: DataSource, disputeId: string, state: DisputeState, context: Omit<DecisionContext, 'now'>): Promise<{ next: DisputeState; now: string; dueAt: string }> {
  const dueAt = pendingDeadlines(state)[0].dueAt;
  const { events, next } = deadlineDecided(state, { ...context, now: dueAt });
  await new EventStore(dataSource).append(disputeId, events, { ...projectionOf(next, dueAt), state: withoutPolicy(next) });
  return { next, now: dueAt, dueAt };
}
