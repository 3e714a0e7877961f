import { GENESIS_HASH, asOfHistory, eventHash, timelineOf, type StoredEvent } from '../../libs/audit/src';
import { fold, initialState, parseIso, type DisputeEvent } from '../../libs/domain/src';
import { histories } from '../unit/support/histories';

/** A domain history as the event store would have recorded it. */
function recorded(events: DisputeEvent[], disputeId = '6a0f5a4c-1b7e-4d8e-9a43-3c2f0b7d9e11'): StoredEvent[] {
  let previousHash = GENESIS_HASH;
  return events.map((event, index) => {
    const fields = {
      disputeId,
      sequence: index + 1,
      type: event.type,
      payload: event.data,
      actor: { role: 'BUYER', id: 'buyer-1' },
      occurredAt: event.data.at,
      commandId: `command-${index + 1}`,
      schemaVersion: 1,
      previousHash,
    };
    previousHash = eventHash(fields);
    return { ...fields, hash: previousHash, globalPosition: String(100 + index), recordedAt: event.data.at };
  });
}

const events = histories.appealClaimed().events;
const stored = recorded(events);

describe('point-in-time replay over a recorded history', () => {
  it('at every sequence, is the fold of the events up to it, with the head hash of that event', () => {
    for (let sequence = 0; sequence <= stored.length; sequence += 1) {
      const asOf = asOfHistory(stored[0].disputeId, stored, { sequence });
      expect(asOf.sequence).toBe(sequence);
      expect(asOf.state).toEqual(fold(events.slice(0, sequence)));
      expect(asOf.headHash).toBe(sequence === 0 ? GENESIS_HASH : stored[sequence - 1].hash);
      expect(asOf.chain).toMatchObject({ valid: true, length: sequence });
    }
  });

  it('at a time, includes exactly the events that had occurred by then', () => {
    const escalation = stored.find((event) => event.type === 'DisputeEscalated')!;
    const justBefore = new Date(parseIso(escalation.occurredAt)! - 1).toISOString();
    const before = asOfHistory(escalation.disputeId, stored, { at: justBefore, atMs: parseIso(justBefore)! });
    const at = asOfHistory(escalation.disputeId, stored, { at: escalation.occurredAt, atMs: parseIso(escalation.occurredAt)! });
    expect(before.sequence).toBe(escalation.sequence - 1);
    expect(at.sequence).toBe(escalation.sequence);
    expect(at.state.status).toBe('UNDER_MEDIATION');
    const beforeOpening = asOfHistory(escalation.disputeId, stored, { at: '2000-01-01T00:00:00.000Z', atMs: 946_684_800_000 });
    expect(beforeOpening).toMatchObject({ sequence: 0, state: initialState, headHash: GENESIS_HASH });
    expect(beforeOpening.parties.every((party) => !party.canRead && party.state === null && party.visibleEvents === 0)).toBe(true);
  });

  it('shows each party what it could see: the mediator nothing before escalation, everything after', () => {
    const escalation = stored.find((event) => event.type === 'DisputeEscalated')!.sequence;
    const view = (sequence: number) => asOfHistory(stored[0].disputeId, stored, { sequence }).parties;

    const early = view(escalation - 1);
    expect(early.map((party) => [party.party, party.canRead, party.visibleEvents])).toEqual([
      ['BUYER', true, escalation - 1],
      ['SELLER', true, escalation - 1],
      ['MEDIATOR', false, 0],
    ]);
    expect(early[2]).toMatchObject({ actor: null, state: null, availableActions: [] });
    expect(early[0].actor).toEqual({ role: 'BUYER', id: 'buyer-1' });

    const escalated = view(escalation);
    expect(escalated[2]).toMatchObject({ canRead: true, visibleEvents: escalation, actor: null, theirTurn: true });
    expect(escalated[2].availableActions).toContain('ClaimCase');
    expect(escalated[2].state).toEqual(fold(events.slice(0, escalation)));

    const last = view(stored.length);
    expect(last[2].actor).toEqual({ role: 'MEDIATOR', id: 'mediator-2' });
    expect(last[2].availableActions).toContain('DecideAppeal');
    expect(last[0].availableActions).not.toContain('DecideAppeal');
  });

  it('lists every event with the status it led to', () => {
    const timeline = timelineOf(stored[0].disputeId, stored);
    expect(timeline.chain.valid).toBe(true);
    expect(timeline.entries).toHaveLength(stored.length);
    timeline.entries.forEach((entry, index) => {
      expect(entry).toMatchObject({ sequence: index + 1, type: events[index].type, occurredAt: stored[index].occurredAt, hash: stored[index].hash });
      expect(entry.status).toBe(fold(events.slice(0, index + 1)).status);
    });
    expect(timeline.entries.map((entry) => entry.status)).toContain('DECIDED');
    expect(timeline.entries[timeline.entries.length - 1].status).toBe('UNDER_APPEAL');
  });
});
