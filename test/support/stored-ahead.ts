import type { DataSource } from 'typeorm';
import type { RecordedEventInput } from '../../libs/contracts/src';
import { decide, evolve, initialState, pendingDeadlines, projectionOf, withoutPolicy, type DecisionContext, type DisputeCommand, type DisputeState, type Policy } from '../../libs/domain/src';
import { EventStore, orderFacts, type OrderRecord } from '../../libs/persistence/src';
import { openingCommand, type OpeningOptions } from './commands';
import { recordedEvent } from '../../workflows/dispute/batch';
import { deadlineCommandId } from '../../workflows/dispute/appends-in-task';

// What a workflow task leaves when its local append succeeded and the task then failed
// (workflows/dispute/appends-in-task.ts): a deadline's, a person's command's or the opening's
// events, decided at some moment and stored ahead of the workflow's history. Pure for the unit
// specs; stored for the workflow ones.

type Decided = { events: RecordedEventInput[]; next: DisputeState };

/** `command` decided on `state` in `context`, recorded as the workflow records it under `commandId`. */
export function commandDecided(state: DisputeState, command: DisputeCommand, context: DecisionContext, commandId: string): Decided {
  const decision = decide(command, state, context);
  if (!decision.ok) throw new Error(`the command was refused: ${decision.rejection.code} ${decision.rejection.message}`);
  const events = decision.events.map((event, index) => recordedEvent(event, state.version + index + 1, { command, commandId }, context.now));
  return { events, next: decision.events.reduce(evolve, state) };
}

/** The next deadline of `state`, decided in `context` and recorded as the workflow records it. */
export function deadlineDecided(state: DisputeState, context: DecisionContext, commandId?: string): Decided {
  const [deadline] = pendingDeadlines(state);
  if (!deadline) throw new Error('the state has no pending deadline');
  return commandDecided(state, deadline.command, context, commandId ?? deadlineCommandId(deadline));
}

/**
 * Stores `command`, decided now on the dispute's `state`, as a failed task's local append would
 * have, leaving the workflow's history behind the store.
 */
export async function storeCommandAhead(dataSource: DataSource, disputeId: string, state: DisputeState, command: DisputeCommand, commandId: string, context: Omit<DecisionContext, 'now'>): Promise<DisputeState> {
  const now = new Date().toISOString();
  const { events, next } = commandDecided(state, command, { ...context, now }, commandId);
  await new EventStore(dataSource).append(disputeId, events, { ...projectionOf(next, now), state: withoutPolicy(next) });
  return next;
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

/**
 * Stores a dispute's opening, decided a minute ago with `commandId`, as a first task that stored it
 * by its local append and then failed would have; the workflow does not exist yet.
 */
export async function storeOpeningAhead(dataSource: DataSource, order: OrderRecord, disputeId: string, commandId: string, policy: Policy, options: OpeningOptions = {}): Promise<DisputeState> {
  const now = new Date(Date.now() - 60_000).toISOString();
  const command = openingCommand(order, disputeId, options);
  const decision = decide(command, initialState, { now, order: orderFacts(order), policy });
  if (!decision.ok) throw new Error(`the opening was refused: ${decision.rejection.code} ${decision.rejection.message}`);
  const events = decision.events.map((event, index) => recordedEvent(event, index + 1, { command, commandId }, now));
  const next = decision.events.reduce(evolve, initialState);
  // The opening's row keeps the pinned policy, as the workflow's opening append sends it.
  await new EventStore(dataSource).append(disputeId, events, projectionOf(next, now));
  return next;
}
