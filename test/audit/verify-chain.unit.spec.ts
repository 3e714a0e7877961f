import fc from 'fast-check';
import { GENESIS_HASH, eventHash, verifyChain, type ChainedEvent } from '../../libs/audit/src';
import { buildMessageHistory } from '../../fixtures/history-builder';

const { chain } = buildMessageHistory(40);
const copy = (events: readonly ChainedEvent[]): ChainedEvent[] => events.map((event) => ({ ...event, actor: { ...event.actor } }));
const withPositions = (events: readonly ChainedEvent[]): ChainedEvent[] => events.map((event, index) => ({ ...event, globalPosition: String(1000 + index * 7) }));

describe('verifyChain', () => {
  it('accepts an untouched history and reports its length and head', () => {
    expect(verifyChain(chain)).toEqual({ valid: true, length: 40, headHash: chain[39].hash, firstBrokenSequence: null, problem: null });
    expect(verifyChain(withPositions(chain)).valid).toBe(true);
  });

  it('accepts the empty history, whose head is the genesis hash', () => {
    expect(verifyChain([])).toEqual({ valid: true, length: 0, headHash: GENESIS_HASH, firstBrokenSequence: null, problem: null });
  });

  it('finds a changed event at exactly its sequence, whatever field changed', () => {
    const changes: [string, (event: ChainedEvent) => void][] = [
      ['payload', (event) => ((event.payload as { body: string }).body = 'rewritten')],
      ['type', (event) => (event.type = 'Forged')],
      ['actor', (event) => (event.actor = { role: 'MEDIATOR', id: 'someone' })],
      ['occurredAt', (event) => (event.occurredAt = '2026-11-25T10:00:00.001Z')],
      ['commandId', (event) => (event.commandId = null)],
      ['schemaVersion', (event) => (event.schemaVersion = 2)],
    ];
    for (const [field, change] of changes) {
      const events = copy(chain);
      events[16] = { ...events[16], payload: JSON.parse(JSON.stringify(events[16].payload)) };
      change(events[16]);
      const result = verifyChain(events);
      expect({ field, valid: result.valid, at: result.firstBrokenSequence }).toEqual({ field, valid: false, at: 17 });
      expect(result.problem).toMatch(/^Event 17 was altered/);
    }
  });

  it('finds a changed event that was re-hashed at the next event, whose link no longer holds', () => {
    const events = copy(chain);
    const forged = { ...events[9], type: 'Forged' };
    forged.hash = eventHash({
      disputeId: forged.disputeId,
      sequence: forged.sequence,
      type: forged.type,
      payload: forged.payload,
      actor: forged.actor,
      occurredAt: forged.occurredAt,
      commandId: forged.commandId,
      schemaVersion: forged.schemaVersion,
      previousHash: forged.previousHash,
    });
    events[9] = forged;
    const result = verifyChain(events);
    expect(result).toMatchObject({ valid: false, firstBrokenSequence: 11 });
    expect(result.problem).toMatch(/^Event 11 does not chain from event 10/);
  });

  it('finds a deleted event at its sequence', () => {
    const events = copy(chain).filter((event) => event.sequence !== 23);
    const result = verifyChain(events);
    expect(result).toMatchObject({ valid: false, length: 39, firstBrokenSequence: 23 });
    expect(result.problem).toMatch(/^Event 23 is missing/);
  });

  it('finds the first event of a reordered pair, by sequence or by storage order', () => {
    const events = copy(chain);
    [events[4], events[5]] = [events[5], events[4]];
    expect(verifyChain(events)).toMatchObject({ valid: false, firstBrokenSequence: 5 });
    expect(verifyChain(events).problem).toMatch(/^Event 5 is out of place/);

    // Sequence numbers swapped between two rows (the rows stay where they were stored).
    const renumbered = withPositions(chain);
    const [a, b] = [renumbered[4], renumbered[5]];
    renumbered[4] = { ...b, sequence: 5 };
    renumbered[5] = { ...a, sequence: 6 };
    const result = verifyChain(renumbered);
    expect(result).toMatchObject({ valid: false, firstBrokenSequence: 5 });
    expect(result.problem).toMatch(/^Event 5 was stored after event 6/);
  });

  it('finds a previous hash that does not link, and a first event that does not start at genesis', () => {
    const events = copy(chain);
    events[30] = { ...events[30], previousHash: 'f'.repeat(64) };
    expect(verifyChain(events)).toMatchObject({ valid: false, firstBrokenSequence: 31 });

    const first = copy(chain);
    first[0] = { ...first[0], previousHash: 'f'.repeat(64) };
    expect(verifyChain(first)).toMatchObject({ valid: false, firstBrokenSequence: 1 });
    expect(verifyChain(first).problem).toMatch(/genesis/);
  });

  it('finds an event of another dispute spliced in', () => {
    const other = buildMessageHistory(40).chain;
    const events = [...copy(chain).slice(0, 12), other[12], ...copy(chain).slice(13)];
    expect(verifyChain(events)).toMatchObject({ valid: false, firstBrokenSequence: 13 });
  });

  it('reports any single tampering at exactly the sequence tampered with', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 39 }), fc.constantFrom('change', 'delete', 'swap', 'relink'), (sequence, kind) => {
        const events = copy(chain);
        const index = sequence - 1;
        if (kind === 'change') events[index] = { ...events[index], commandId: 'forged' };
        if (kind === 'delete') events.splice(index, 1);
        if (kind === 'swap') [events[index], events[index + 1]] = [events[index + 1], events[index]];
        if (kind === 'relink') events[index] = { ...events[index], previousHash: events[index].hash };
        expect(verifyChain(events).firstBrokenSequence).toBe(sequence);
      }),
    );
  });
});
