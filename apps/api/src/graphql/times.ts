import { ApiError } from './errors';

// Times from the network go to PostgreSQL timestamptz columns, which take years 1 to 9999 the
// way Date#toISOString prints them; JavaScript dates reach year 275760 (printed "+275760-...")
// and year 0, both of which PostgreSQL refuses as a query error.
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/** Whether epoch milliseconds name a moment PostgreSQL can compare and store. */
export const isStorableTime = (epochMs: number): boolean => Number.isFinite(epochMs) && epochMs >= EARLIEST && epochMs <= LATEST;

/** A time from a filter or cursor, checked and normalised to ISO-8601 UTC; VALIDATION on `field` otherwise. */
export function isoTime(value: string, field: string, message = `${field} must be an ISO-8601 time between the years 1 and 9999, e.g. 2026-12-01T10:00:00Z.`): string {
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || !isStorableTime(time)) throw new ApiError('VALIDATION', message, field);
  return new Date(time).toISOString();
}

/**
 * An optional filter time: absent (null or left out) narrows nothing, anything given is checked
 * like any time. An empty string is given, and no time: it is refused rather than read as "no
 * filter", which would answer a typo with every row (a fuzz finding).
 */
export function optionalIsoTime(value: string | null | undefined, field: string): string | null {
  return value === null || value === undefined ? null : isoTime(value, field);
}
