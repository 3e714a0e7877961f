// given(events).when(command, ctx?).then(events) / .rejects(code, field?) — Emmett-style
// specifications for the decider. The default `now` is one minute after the last given event, and
// by default the author uploaded every file the command cites (uploadsFor).
import type { DecisionContext, DisputeCommand, DisputeEvent, RejectionCode, Decision } from '../../../libs/domain/src';
import { addMs, decide, fold } from '../../../libs/domain/src';
import { ctx, OPENED_AT, uploadsFor } from './fixtures';

export interface When {
  /** The decision itself, for assertions the helpers below do not cover. */
  decision: Decision;
  then(expected: DisputeEvent[]): void;
  /** Asserts a rejection with this code (and field, when given); returns its message for further checks. */
  rejects(code: RejectionCode, field?: string): string;
}

export function given(events: DisputeEvent[] = []) {
  const state = fold(events);
  const lastAt = events.length > 0 ? events[events.length - 1].data.at : OPENED_AT;
  return {
    state,
    when(command: DisputeCommand, context: Partial<DecisionContext> = {}): When {
      const decision = decide(command, state, { ...ctx(addMs(lastAt, 60_000)), evidenceFiles: uploadsFor(command), ...context });
      return {
        decision,
        then(expected) {
          expect(decision).toEqual({ ok: true, events: expected });
        },
        rejects(code, field) {
          expect(decision.ok).toBe(false);
          if (decision.ok) return '';
          expect(decision.rejection.code).toBe(code);
          if (field !== undefined) expect(decision.rejection.field).toBe(field);
          expect(decision.rejection.message).toMatch(/^[A-Z].*\.$/);
          return decision.rejection.message;
        },
      };
    },
  };
}
