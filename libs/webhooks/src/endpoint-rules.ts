import { randomBytes } from 'node:crypto';
import { DISPUTE_EVENT_TYPES, isDisputeEventType, type DisputeEventType } from '../../domain/src';

/** An endpoint subscribes to all event types (null) or to a non-empty subset of the domain's list. */
export type EventTypeSelection = readonly DisputeEventType[] | null;

export type RuleResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Endpoints an account (or the platform, per SYSTEM account) may have: enough for staging, production and a spare. */
export const MAX_ENDPOINTS_PER_OWNER = 10;

/** The grace a rotated secret keeps by default, and the longest a caller may ask for. */
export const DEFAULT_ROTATION_GRACE_HOURS = 24;
export const MAX_ROTATION_GRACE_HOURS = 7 * 24;

/** Checks a subscription list against the event types the rulebook records; duplicates collapse. */
export function readEventTypes(values: readonly string[]): RuleResult<DisputeEventType[]> {
  if (values.length === 0) return { ok: false, reason: 'List at least one event type, or leave eventTypes out to receive every event type.' };
  const unknown = values.filter((value) => !isDisputeEventType(value));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 3).map((value) => JSON.stringify(value.slice(0, 60))).join(', ');
    return { ok: false, reason: `Unknown event type ${shown}; the event types are ${DISPUTE_EVENT_TYPES.join(', ')}.` };
  }
  return { ok: true, value: DISPUTE_EVENT_TYPES.filter((type) => values.includes(type)) };
}

export function readGraceHours(hours: number): RuleResult<number> {
  if (!Number.isInteger(hours) || hours < 0 || hours > MAX_ROTATION_GRACE_HOURS) return { ok: false, reason: `The grace period must be a whole number of hours from 0 to ${MAX_ROTATION_GRACE_HOURS}.` };
  return { ok: true, value: hours };
}

/** A new signing secret: 32 random bytes, shown to the owner once. The prefix makes a leaked one easy to recognise in logs and scanners. */
export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;
