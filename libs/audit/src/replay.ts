import type { DataSource } from 'typeorm';
import {
  availableActions,
  canRead,
  evolve,
  fold,
  initialState,
  parseIso,
  pendingDeadlines,
  whoseTurn,
  type Actor,
  type DeadlineKind,
  type DisputeCommandType,
  type DisputeEvent,
  type DisputeState,
  type Turn,
} from '../../domain/src';
import { GENESIS_HASH } from '../../chain/src';
import { readStream, type StoredEvent } from '../../persistence/src';
import { AuditInputError, domainEventOf } from './history';
import { inSnapshot, verifyChain, type ChainVerification } from './verify';

/** A moment in a dispute's history: after a given event, or at a point in time (workflow time). */
export type AsOf = { sequence: number } | { at: string };

export const PARTIES = ['BUYER', 'SELLER', 'MEDIATOR'] as const;
export type AuditParty = (typeof PARTIES)[number];

/** What one party could see and do at that moment. */
export interface PartyView {
  party: AuditParty;
  /** Who that party was: the order's buyer or seller, or the mediator holding the case (null while nobody held it). */
  actor: Actor | null;
  /** Whether the party could read the dispute at all (the domain's canRead); a party that could not saw nothing. */
  canRead: boolean;
  /** The dispute as that party saw it, or null when they could not read it. */
  state: DisputeState | null;
  /** Events of the history the party could read then (all of them once they could read the dispute, else none). */
  visibleEvents: number;
  /** Commands the party could have issued at that moment. */
  availableActions: DisputeCommandType[];
  /** Whether the dispute was waiting on this party. */
  theirTurn: boolean;
}

export interface DisputeAsOf {
  disputeId: string;
  /** The last event included (0 when the moment is before the opening). */
  sequence: number;
  /** The moment the state is evaluated at: the requested time, or the last event's occurredAt. */
  at: string | null;
  /** The state folded by the domain core from events 1..sequence. */
  state: DisputeState;
  /** The hash of event `sequence` (the genesis hash at 0). */
  headHash: string;
  /** The chain of the events replayed, verified. */
  chain: ChainVerification;
  whoseTurn: Turn | null;
  /** Timers running at that moment, earliest first. */
  deadlines: { kind: DeadlineKind; dueAt: string }[];
  parties: PartyView[];
}

/** Sorts out the moment asked for; a malformed request is an AuditInputError. */
function momentOf(asOf: AsOf): { sequence: number } | { atMs: number; at: string } {
  if ('sequence' in asOf) {
    if (!Number.isInteger(asOf.sequence) || asOf.sequence < 0) throw new AuditInputError('sequence', 'The sequence must be a whole number, 0 or more.');
    return { sequence: asOf.sequence };
  }
  const atMs = parseIso(asOf.at);
  if (atMs === null) throw new AuditInputError('at', 'The time must be an ISO-8601 timestamp with a zone, e.g. 2026-11-25T10:00:00.000Z.');
  return { atMs, at: asOf.at };
}

/**
 * The dispute as it stood at a moment: the events up to that point folded by the domain
 * core, and for each party whether they could read it, what they could do and whether it
 * was their turn. `{ at }` includes every event that had occurred by then (workflow time,
 * the time the hash covers). Returns null for a dispute without events; asking for a
 * sequence beyond the history is an AuditInputError.
 */
export async function disputeAsOf(dataSource: DataSource, disputeId: string, asOf: AsOf): Promise<DisputeAsOf | null> {
  const moment = momentOf(asOf);
  const events = await inSnapshot(dataSource, (q) => readStream(q, disputeId));
  if (events.length === 0) return null;
  if ('sequence' in moment && moment.sequence > events.length) {
    throw new AuditInputError('sequence', `Dispute ${disputeId} has ${events.length} events; there is no event ${moment.sequence}.`);
  }
  return asOfHistory(disputeId, events, moment);
}

/** The pure part of disputeAsOf, over a history already read (in sequence order). */
export function asOfHistory(disputeId: string, events: readonly StoredEvent[], moment: { sequence: number } | { atMs: number; at: string }): DisputeAsOf {
  let sequence: number;
  if ('sequence' in moment) {
    sequence = Math.min(moment.sequence, events.length);
  } else {
    // Workflow time never runs backwards within a dispute, so the events that had occurred form a prefix.
    sequence = 0;
    while (sequence < events.length && (parseIso(events[sequence].occurredAt) ?? Infinity) <= moment.atMs) sequence += 1;
  }
  const prefix = events.slice(0, sequence);
  const state = fold(prefix.map((event) => domainEventOf<DisputeEvent>(event)));
  const at = 'at' in moment ? moment.at : (prefix[sequence - 1]?.occurredAt ?? null);
  return {
    disputeId,
    sequence,
    at,
    state,
    headHash: prefix[sequence - 1]?.hash ?? GENESIS_HASH,
    chain: verifyChain(prefix),
    whoseTurn: whoseTurn(state),
    deadlines: pendingDeadlines(state).map(({ kind, dueAt }) => ({ kind, dueAt })),
    parties: PARTIES.map((party) => partyView(state, party, sequence, at)),
  };
}

function partyActor(state: DisputeState, party: AuditParty): Actor | null {
  switch (party) {
    case 'BUYER':
      return state.buyerId ? { role: 'BUYER', id: state.buyerId } : null;
    case 'SELLER':
      return state.sellerId ? { role: 'SELLER', id: state.sellerId } : null;
    case 'MEDIATOR':
      return state.mediation?.mediatorId ? { role: 'MEDIATOR', id: state.mediation.mediatorId } : null;
  }
}

/** What a party saw: reading is the domain's canRead, acting is availableActions at that moment. */
export function partyView(state: DisputeState, party: AuditParty, sequence: number, at: string | null): PartyView {
  const actor = partyActor(state, party);
  // A mediator nobody has assigned yet is judged as any mediator (who could, for instance, claim the case).
  const judged: Actor = actor ?? { role: party, id: '' };
  const readable = state.status !== 'NONE' && canRead(state, judged);
  return {
    party,
    actor,
    canRead: readable,
    state: readable ? state : null,
    visibleEvents: readable ? sequence : 0,
    availableActions: readable ? availableActions(state, judged, at ? { now: at } : {}) : [],
    theirTurn: readable && whoseTurn(state)?.role === party,
  };
}

/** One line of a dispute's timeline. */
export interface TimelineEntry {
  sequence: number;
  type: string;
  actor: Actor;
  /** When it happened (workflow time; covered by the hash). */
  occurredAt: string;
  /** When the database stored it (not covered by the hash). */
  recordedAt: string;
  commandId: string | null;
  hash: string;
  /** The dispute's status after this event. */
  status: DisputeState['status'];
}

export interface DisputeTimeline {
  disputeId: string;
  entries: TimelineEntry[];
  chain: ChainVerification;
}

/** Every event of a dispute with its actor, times and the status it led to; null for a dispute without events. */
export async function disputeTimeline(dataSource: DataSource, disputeId: string): Promise<DisputeTimeline | null> {
  const events = await inSnapshot(dataSource, (q) => readStream(q, disputeId));
  if (events.length === 0) return null;
  return timelineOf(disputeId, events);
}

export function timelineOf(disputeId: string, events: readonly StoredEvent[]): DisputeTimeline {
  let state = initialState;
  const entries = events.map((event): TimelineEntry => {
    state = evolve(state, domainEventOf<DisputeEvent>(event));
    return {
      sequence: event.sequence,
      type: event.type,
      actor: event.actor as Actor,
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      commandId: event.commandId,
      hash: event.hash,
      status: state.status,
    };
  });
  return { disputeId, entries, chain: verifyChain(events) };
}
