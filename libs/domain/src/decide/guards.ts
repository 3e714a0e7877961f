// Building blocks of guards, in the order they are applied: can this actor see the dispute
// (NOT_FOUND), may their role do this (FORBIDDEN), does the state allow it (INVALID_STATE /
// CONFLICT), is the window still open (DEADLINE_PASSED).
import { parseIso, humanTime } from '../time';
import type { DisputeState, DisputeStatus } from '../state';
import type { Actor, Party, Rejection, Role } from '../types';
import { rejection } from '../result';
import { canRead } from '../visibility';
import type { GuardInput } from './context';

const NOT_FOUND_MESSAGE = 'No dispute with this id was found.';

/**
 * A dispute that is not yours looks exactly like one that does not exist, so ids cannot be
 * probed. Read access is the same rule the API's readers use (canRead); the system reads
 * nothing but acts on every dispute (timers, refunds).
 */
export function visible(state: DisputeState, actor: Actor): Rejection | null {
  if (state.status !== 'NONE' && (actor.role === 'SYSTEM' || canRead(state, actor))) return null;
  return rejection('NOT_FOUND', NOT_FOUND_MESSAGE);
}

export const otherParty = (party: Party): Party => (party === 'BUYER' ? 'SELLER' : 'BUYER');

const ROLE_NAMES: Record<Role, string> = {
  BUYER: 'the buyer',
  SELLER: 'the seller',
  MEDIATOR: 'a mediator',
  AUDITOR: 'an auditor',
  SYSTEM: 'the system',
  ADMIN: 'an administrator',
};

export function roleIn(actor: Actor, roles: readonly Role[], action: string): Rejection | null {
  if (roles.includes(actor.role)) return null;
  const who = roles.map((r) => ROLE_NAMES[r]).join(' or ');
  return rejection('FORBIDDEN', `Only ${who} may ${action}.`);
}

const STATUS_NAMES: Record<DisputeStatus | 'NONE', string> = {
  NONE: 'not open',
  OPEN: 'waiting for the seller\u2019s response',
  NEGOTIATING: 'in negotiation',
  AGREED: 'agreed',
  AWAITING_RETURN: 'waiting for the item to be returned',
  RETURN_IN_TRANSIT: 'waiting for the returned item to arrive',
  AWAITING_REPLACEMENT: 'waiting for the seller to ship the replacement',
  REPLACEMENT_IN_TRANSIT: 'waiting for the buyer to confirm the replacement',
  UNDER_MEDIATION: 'under mediation',
  DECIDED: 'decided',
  UNDER_APPEAL: 'under appeal',
  RESOLVED: 'resolved',
  CLOSED: 'closed',
  WITHDRAWN: 'withdrawn',
};

export const describeStatus = (status: DisputeStatus | 'NONE'): string => STATUS_NAMES[status];

export function statusIn(state: DisputeState, statuses: readonly DisputeStatus[], action: string): Rejection | null {
  if (state.status !== 'NONE' && statuses.includes(state.status)) return null;
  return rejection('INVALID_STATE', `You cannot ${action} while the dispute is ${describeStatus(state.status)}.`);
}

/** DEADLINE_PASSED from `dueAt` on: the window closes at dueAt, even if the timer has not fired yet. */
export function before(input: GuardInput, dueAt: string | null, what: string): Rejection | null {
  if (dueAt === null) return null;
  const due = parseIso(dueAt) ?? 0;
  return input.now.ms >= due ? rejection('DEADLINE_PASSED', `The ${what} closed at ${humanTime(dueAt)}.`) : null;
}

/** Timer commands are accepted only once their time has come. */
export function elapsed(input: GuardInput, dueAt: string | null, what: string): Rejection | null {
  if (dueAt === null) return rejection('INVALID_STATE', `No ${what} is running.`);
  const due = parseIso(dueAt) ?? 0;
  return input.now.ms >= due ? null : rejection('INVALID_STATE', `The ${what} runs until ${humanTime(dueAt)}.`);
}

/** Runs guard steps in order and returns the first rejection. */
export function firstOf(...steps: Array<() => Rejection | null>): Rejection | null {
  for (const step of steps) {
    const result = step();
    if (result) return result;
  }
  return null;
}
