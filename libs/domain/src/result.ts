// Decisions and rejections are values, never exceptions.
import type { DisputeEvent } from './events';
import type { Rejection, RejectionCode } from './types';

export type Decision = { ok: true; events: DisputeEvent[] } | { ok: false; rejection: Rejection };

export function rejection(code: RejectionCode, message: string, field?: string): Rejection {
  return field === undefined ? { code, message } : { code, message, field };
}

export const accept = (events: DisputeEvent[]): Decision => ({ ok: true, events });
export const refuse = (r: Rejection): Decision => ({ ok: false, rejection: r });

/** Result of reading one piece of untrusted input. */
export type Checked<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };
export const valid = <T>(value: T): Checked<T> => ({ ok: true, value });
export const invalid = (field: string, message: string): Checked<never> => ({ ok: false, rejection: rejection('VALIDATION', message, field) });
