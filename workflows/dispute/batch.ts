import { upsertSearchAttributes } from '@temporalio/workflow';
import {
  DISPUTE_EVENT_SCHEMA_VERSION,
  pendingDeadlines,
  type DisputeEvent,
  type DisputeState,
  type MediatorReassignedData,
  type MediatorReleasedData,
  type OrderFacts,
} from '../../libs/domain/src';
import {
  DisputeBuyerIdKey,
  DisputeNextDeadlineKey,
  DisputeOrderIdKey,
  DisputeSellerIdKey,
  DisputeStatusKey,
  type CommandEnvelope,
  type NotificationInput,
  type RecordedEventInput,
} from '../../libs/contracts/src';

// What a stored batch of events carries and causes besides the state: the events' envelope,
// the notifications it sends, the search attributes it leaves.

/** A domain event as the store records it: its sequence, the command's actor and id, the time. */
export function recordedEvent(event: DisputeEvent, sequence: number, envelope: CommandEnvelope, now: string): RecordedEventInput {
  return {
    sequence,
    type: event.type,
    payload: event.data,
    // Role and id only: the caller's rights (a lead mediator's flag) are never recorded.
    actor: { role: envelope.command.actor.role, id: envelope.command.actor.id },
    occurredAt: now,
    commandId: envelope.commandId,
    schemaVersion: DISPUTE_EVENT_SCHEMA_VERSION,
  };
}

/**
 * One notification per party (and the assigned mediator) of the dispute as the batch leaves it,
 * and to a mediator the batch took the case from (released or reassigned).
 */
export function notificationsFor(disputeId: string, order: OrderFacts, recorded: RecordedEventInput[], next: DisputeState): NotificationInput[] {
  const last = recorded[recorded.length - 1];
  const recipients = new Set([order.buyerId, order.sellerId, next.mediation?.mediatorId, ...recorded.map(previousHolder)].filter((id): id is string => !!id));
  return [...recipients].map((accountId) => ({ accountId, disputeId, sequence: last.sequence, eventTypes: recorded.map((event) => event.type), status: next.status, occurredAt: last.occurredAt }));
}

/** The mediator an event took the case from, if it did. */
function previousHolder(event: RecordedEventInput): string | null {
  if (event.type === 'MediatorReleased') return (event.payload as MediatorReleasedData).mediatorId;
  if (event.type === 'MediatorReassigned') return (event.payload as MediatorReassignedData).fromMediatorId;
  return null;
}

/** The search attributes operators find disputes by (docs/architecture.md), as `state` leaves them. */
export function publishSearchAttributes(order: OrderFacts, state: DisputeState): void {
  const nextDeadline = pendingDeadlines(state)[0];
  upsertSearchAttributes([
    { key: DisputeStatusKey, value: state.status },
    { key: DisputeOrderIdKey, value: order.orderId },
    { key: DisputeBuyerIdKey, value: order.buyerId },
    { key: DisputeSellerIdKey, value: order.sellerId },
    { key: DisputeNextDeadlineKey, value: nextDeadline ? new Date(nextDeadline.dueAt) : null },
  ]);
}
