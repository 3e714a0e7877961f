// Properties over random command sequences from random actors at random times. Each run
// starts from nothing and interprets a list of random choices: who acts, how much time
// passes, and which command (mostly well-formed ones, sometimes any type at all).
import fc from 'fast-check';
import type { Actor, DisputeCommand, DisputeEvent, DisputeState } from '../../libs/domain/src';
import { COMMAND_TYPES, availableActions, decide, evolve, fold, initialState, parseIso, pendingDeadlines, refundableMinor, whoseTurn } from '../../libs/domain/src';
import { addMs } from '../../libs/domain/src';
import { auditor, buyer, ctx, DAY, HOUR, mediator, OPENED_AT, order, otherBuyer, otherSeller, secondMediator, seller, system, uploadsFor } from './support/fixtures';
import { Choices, validCommand } from './support/valid-commands';

const ACTORS: Actor[] = [buyer, seller, mediator, secondMediator, system, auditor, otherBuyer, otherSeller];
const STEPS: Array<number | 'deadline'> = [0, 60_000, HOUR, DAY, 3 * DAY, 6 * DAY, 'deadline', 'deadline'];

interface Step {
  actor: number;
  advance: number;
  /** 0-2: the turn-taker acts; 0-5: a type this actor may issue now; 6: any type; 7: the next deadline's timer. */
  mode: number;
  type: number;
  seeds: number[];
}

const step = fc.record({
  actor: fc.nat(ACTORS.length - 1),
  advance: fc.nat(STEPS.length - 1),
  mode: fc.nat(7),
  type: fc.nat(COMMAND_TYPES.length - 1),
  seeds: fc.array(fc.nat(1_000), { minLength: 1, maxLength: 6 }),
});
const scenario = fc.array(step, { minLength: 1, maxLength: 40 });

interface Trace {
  events: DisputeEvent[];
  states: DisputeState[];
  nows: string[];
  decisions: Array<{ command: DisputeCommand; ok: boolean; before: DisputeState; now: string }>;
}

/** Half the time the party whose turn it is acts, so runs get deep into the lifecycle. */
function turnTaker(state: DisputeState, choice: number): Actor | null {
  const turn = whoseTurn(state);
  if (!turn) return null;
  const byRole: Record<string, Actor[]> = { BUYER: [buyer], SELLER: [seller], MEDIATOR: [mediator, secondMediator], SYSTEM: [system], AUDITOR: [auditor] };
  const candidates = byRole[turn.role];
  return candidates[choice % candidates.length];
}

function pickCommand(s: Step, state: DisputeState, now: string): { command: DisputeCommand; now: string } {
  const c = new Choices(s.seeds);
  if (state.status === 'NONE') {
    return { command: validCommand('OpenDispute', state, ACTORS[s.actor % 2 === 0 ? 0 : s.actor], now, c), now };
  }
  if (s.mode === 7) {
    const next = pendingDeadlines(state)[0];
    if (next) return { command: next.command, now: next.dueAt };
  }
  const actor = s.mode < 3 ? (turnTaker(state, s.actor) ?? ACTORS[s.actor]) : ACTORS[s.actor];
  const all = availableActions(state, actor, { now, order });
  // Modes 0-1 move the case forward rather than chat.
  const moving = all.filter((type) => type !== 'PostMessage' && type !== 'AddEvidence');
  const available = s.mode < 2 && moving.length > 0 ? moving : all;
  const type = s.mode < 6 && available.length > 0 ? available[s.type % available.length] : COMMAND_TYPES[s.type];
  return { command: validCommand(type, state, actor, now, c), now };
}

/** Plays a scenario, checking the per-step properties as it goes. */
function play(steps: Step[], check: (t: Trace, state: DisputeState, now: string) => void = () => undefined): Trace {
  const t: Trace = { events: [], states: [initialState], nows: [], decisions: [] };
  let state = initialState;
  let now = OPENED_AT;
  for (const s of steps) {
    const advance = STEPS[s.advance];
    if (advance !== 'deadline') now = addMs(now, advance);
    const picked = pickCommand(s, state, now);
    // A deadline can lie in the past of `now` only when it was already due; time never runs backwards.
    if ((parseIso(picked.now) ?? 0) > (parseIso(now) ?? 0)) now = picked.now;
    const before = JSON.stringify(state);
    const decision = decide(picked.command, state, ctx(now, { evidenceFiles: uploadsFor(picked.command) }));
    expect(JSON.stringify(state)).toBe(before);
    t.decisions.push({ command: picked.command, ok: decision.ok, before: state, now });
    if (decision.ok) {
      for (const event of decision.events) {
        const next = evolve(state, event);
        expect(next.version).toBe(state.version + 1);
        state = next;
        t.events.push(event);
      }
    }
    t.states.push(state);
    t.nows.push(now);
    check(t, state, now);
  }
  return t;
}

const RUNS = { numRuns: 60 };

describe('properties of any sequence of commands', () => {
  it('a rejected command records nothing and leaves the state as it was', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const t = play(steps);
        for (let i = 0; i < t.decisions.length; i++) {
          if (!t.decisions[i].ok) expect(t.states[i + 1]).toBe(t.states[i]);
        }
      }),
      RUNS,
    );
  });

  it('folding the same events always gives the same state, also after a JSON round trip', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const t = play(steps);
        const last = t.states[t.states.length - 1];
        expect(fold(t.events)).toEqual(last);
        expect(fold(JSON.parse(JSON.stringify(t.events)) as DisputeEvent[])).toEqual(last);
        expect(JSON.parse(JSON.stringify(last))).toEqual(last);
        for (const event of t.events) expect(JSON.parse(JSON.stringify(event))).toEqual(event);
        const half = Math.floor(t.events.length / 2);
        const middle = fold(t.events.slice(0, half));
        const snapshot = JSON.stringify(middle);
        expect(fold(t.events.slice(half), middle)).toEqual(last);
        expect(JSON.stringify(middle)).toBe(snapshot);
      }),
      RUNS,
    );
  });

  it('versions are gap-free: the version is the number of events folded', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        let count = 0;
        play(steps, (t, state) => {
          count = t.events.length;
          expect(state.version).toBe(count);
        });
      }),
      RUNS,
    );
  });

  it('terminal states accept nothing from anyone', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        play(steps, (_t, state, now) => {
          if (state.status !== 'CLOSED' && state.status !== 'WITHDRAWN') return;
          expect(pendingDeadlines(state)).toEqual([]);
          for (const actor of ACTORS) {
            expect(availableActions(state, actor, { now, order })).toEqual([]);
            for (const type of COMMAND_TYPES) {
              expect(decide(validCommand(type, state, actor, now, new Choices([1, 2, 3])), state, ctx(now)).ok).toBe(false);
            }
          }
        });
      }),
      RUNS,
    );
  });

  it('the total refunded never exceeds what was paid, and no offer or outcome asks for more', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        play(steps, (t, state) => {
          if (!state.order) return;
          const limit = refundableMinor(state.order);
          expect(state.refundedMinor).toBeLessThanOrEqual(limit);
          expect(state.refundedMinor + state.order.amountRefundedMinor).toBeLessThanOrEqual(state.order.amountPaid.amountMinor);
          for (const offer of state.offers) expect(offer.terms.amount?.amountMinor ?? 0).toBeLessThanOrEqual(limit);
          expect(state.outcome?.refund?.amountMinor ?? 0).toBeLessThanOrEqual(limit);
          const succeeded = t.events.filter((e) => e.type === 'RefundSucceeded').length;
          expect(succeeded).toBeLessThanOrEqual(1);
        });
      }),
      RUNS,
    );
  });

  it('the reason never changes after opening', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const t = play(steps);
        const reasons = new Set(t.states.filter((s) => s.status !== 'NONE').map((s) => s.reason));
        expect(reasons.size).toBeLessThanOrEqual(1);
        expect(t.events.filter((e) => e.type === 'DisputeOpened').length).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('availableActions lists exactly the command types decide accepts from that actor', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.nat(1_000), { minLength: 1, maxLength: 4 }), (steps, seeds) => {
        play(steps, (_t, state, now) => {
          for (const actor of ACTORS) {
            const available = new Set(availableActions(state, actor, { now, order }));
            for (const type of COMMAND_TYPES) {
              const command = validCommand(type, state, actor, now, new Choices(seeds));
              const decision = decide(command, state, ctx(now, { evidenceFiles: uploadsFor(command) }));
              if (available.has(type) !== decision.ok) {
                throw new Error(`${type} by ${actor.role}/${actor.id} in ${state.status}: available=${available.has(type)} but decide said ${JSON.stringify(decision.ok ? 'ok' : decision.rejection)}`);
              }
            }
          }
        });
      }),
      { numRuns: 100 },
    );
  });

  it('every pending deadline\u2019s command is accepted when it comes due, and not a millisecond before', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        play(steps, (_t, state) => {
          const deadlines = pendingDeadlines(state);
          const times = deadlines.map((d) => parseIso(d.dueAt) ?? 0);
          expect([...times].sort((a, b) => a - b)).toEqual(times);
          for (const deadline of deadlines) {
            expect(decide(deadline.command, state, ctx(deadline.dueAt)).ok).toBe(true);
            expect(decide(deadline.command, state, ctx(addMs(deadline.dueAt, -1))).ok).toBe(false);
          }
        });
      }),
      RUNS,
    );
  });

  it('decide never throws, whatever the data, and explains every rejection in a sentence', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom(...COMMAND_TYPES), fc.nat(ACTORS.length - 1), fc.anything(), (steps, type, actor, data) => {
        play(steps, (_t, state, now) => {
          const decision = decide({ type, actor: ACTORS[actor], data } as DisputeCommand, state, ctx(now));
          if (!decision.ok) expect(decision.rejection.message).toMatch(/^[A-Z].*\.$/);
        });
      }),
      { numRuns: 40 },
    );
  });
});

it('the scenarios reach every status (the generator is not stuck at the start)', () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(scenario, (steps) => {
      for (const s of play(steps).states) seen.add(s.status);
    }),
    { numRuns: 300, seed: 42 },
  );
  expect([...seen].sort()).toEqual(
    ['NONE', 'OPEN', 'NEGOTIATING', 'UNDER_MEDIATION', 'DECIDED', 'UNDER_APPEAL', 'AWAITING_RETURN', 'RETURN_IN_TRANSIT', 'AWAITING_REPLACEMENT', 'REPLACEMENT_IN_TRANSIT', 'RESOLVED', 'CLOSED', 'WITHDRAWN'].sort(),
  );
});
