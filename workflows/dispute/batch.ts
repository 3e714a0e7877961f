import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  DISPUTE_EVENT_SCHEMA_VERSION,
  type DisputeEvent,
  type DisputeState,
  type MediatorReassignedData,
  type MediatorReleasedData,
  type OrderFacts,
} from '../../libs/domain/src';
import {
  DISPUTE_SEARCH_ATTRIBUTE_KEYS,
  NEXT_DEADLINE_GRAIN_MS,
  disputeSearchAttributes,
  type CommandEnvelope,
  type NotificationInput,
  type RecordedEventInput,
} from '../../libs/contracts/src';
import { consolidatedPatches, patchInEffect } from './patches';

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

/**
 * Since this patch a batch upserts only the search attributes whose value it changes (most
 * batches, e.g. a message, change none, and then issue no command). Histories recorded before it
 * upsert all five after every append; replaying them must issue the same commands.
 */
export const SEARCH_ATTRIBUTES_ON_CHANGE = 'search-attributes-on-change';

/**
 * The search attributes operators find disputes by (docs/architecture.md), as `state` leaves them.
 * Under `consolidated-patches` the next deadline is published at a minute's grain, so that the
 * attributes a new run starts with (the API's, from its own decision of the opening) are the ones
 * its first batch would publish, and that batch upserts nothing.
 */
export function publishSearchAttributes(order: OrderFacts, state: DisputeState): void {
  const pairs = disputeSearchAttributes(order, state, consolidatedPatches() ? NEXT_DEADLINE_GRAIN_MS : 1);
  if (!patchInEffect(SEARCH_ATTRIBUTES_ON_CHANGE)) return upsertSearchAttributes(pairs);
  const changed = pairs.filter(isChanged);
  if (changed.length > 0) upsertSearchAttributes(changed);
}

/**
 * Clears the attributes a run started with when its opening was refused: the API gave them from
 * its own decision, and a run that stored nothing must not be found as an open dispute.
 */
export function clearSearchAttributes(): void {
  const held = workflowInfo().typedSearchAttributes;
  const pairs = DISPUTE_SEARCH_ATTRIBUTE_KEYS.filter((key) => held.get(key) !== undefined).map((key) => ({ key, value: null }) as SearchAttributeUpdatePair);
  if (pairs.length > 0) upsertSearchAttributes(pairs);
}

/**
 * Whether the run holds another value under the pair's key. The run's own record is the
 * comparison: workflowInfo() starts from the attributes the run started with (a continue-as-new
 * carries the previous run's; the first run has none) and follows every upsert, live and on
 * replay alike, so no memory of ours has to cross runs.
 */
function isChanged(pair: SearchAttributeUpdatePair): boolean {
  const held = workflowInfo().typedSearchAttributes.get(pair.key) as unknown;
  const wanted = pair.value as unknown;
  if (wanted instanceof Date) return !(held instanceof Date) || held.getTime() !== wanted.getTime();
  return (held ?? null) !== wanted;
}
