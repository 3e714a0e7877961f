import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { GENESIS_HASH, eventHash, verifyDisputeHistory } from '../../libs/audit/src';
import { EventSequenceConflict, EventStore, readProjection, readStream, type DisputeProjection, type EventToAppend } from '../../libs/persistence/src';
import { eventsOf, openTestDataSource } from '../support/database';
import { defaultPolicy, initialState, withoutPolicy, type DisputeStatus } from '../../libs/domain/src';

const actor = { role: 'BUYER', id: 'buyer-1' };

function event(sequence: number, type = 'MessagePosted', payload: unknown = { body: `message ${sequence}` }): EventToAppend {
  return { sequence, type, payload, actor, occurredAt: '2026-11-27T10:00:00.000Z', commandId: `command-${sequence}`, schemaVersion: 1 };
}

function projection(version: number, status: DisputeStatus = 'OPEN'): DisputeProjection {
  return {
    orderId: 'order-1',
    buyerId: 'buyer-1',
    sellerId: 'seller-1',
    status,
    reason: 'NOT_RECEIVED',
    version,
    state: { ...initialState, status, version },
    nextDeadlineAt: null,
    openedAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
  };
}

describe('the event store', () => {
  let dataSource: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    store = new EventStore(dataSource);
  });
  afterAll(() => dataSource.destroy());

  describe('appending', () => {
    it('stores events with gap-free sequences chained by hash from the genesis value', async () => {
      const disputeId = randomUUID();
      await store.append(disputeId, [event(1, 'DisputeOpened'), event(2, 'OfferMade')], projection(2));
      const result = await store.append(disputeId, [event(3)], projection(3));

      const rows = await eventsOf(dataSource, disputeId);
      expect(rows.map((row) => row.sequence)).toEqual([1, 2, 3]);
      expect(rows[0].previous_hash).toBe(GENESIS_HASH);
      expect(rows[1].previous_hash).toBe(rows[0].hash);
      expect(rows[2].previous_hash).toBe(rows[1].hash);
      expect(rows[0].hash).toBe(eventHash({ disputeId, ...event(1, 'DisputeOpened'), previousHash: GENESIS_HASH }));
      expect(result).toEqual({ headSequence: 3, headHash: rows[2].hash, inserted: 1 });
    });

    it('updates the projection in the same transaction', async () => {
      const disputeId = randomUUID();
      const result = await store.append(disputeId, [event(1, 'DisputeOpened')], projection(1, 'OPEN'));
      const [row] = await dataSource.query('SELECT status, version, head_hash FROM disputes WHERE dispute_id = $1', [disputeId]);
      expect(row).toEqual({ status: 'OPEN', version: 1, head_hash: result.headHash });
    });

    it('keeps one row when the same events are appended again (an activity retry)', async () => {
      const disputeId = randomUUID();
      await store.append(disputeId, [event(1), event(2)], projection(2));
      const retry = await store.append(disputeId, [event(1), event(2)], projection(2));

      expect(retry.inserted).toBe(0);
      expect(await eventsOf(dataSource, disputeId)).toHaveLength(2);
    });

    it('refuses a different event at a sequence already taken, and stores nothing of the batch', async () => {
      const disputeId = randomUUID();
      await store.append(disputeId, [event(1)], projection(1));
      const before = await eventsOf(dataSource, disputeId);

      await expect(store.append(disputeId, [event(1, 'MessagePosted', { body: 'rewritten' }), event(2)], projection(2))).rejects.toBeInstanceOf(EventSequenceConflict);

      expect(await eventsOf(dataSource, disputeId)).toEqual(before);
      const [row] = await dataSource.query('SELECT version FROM disputes WHERE dispute_id = $1', [disputeId]);
      expect(row.version).toBe(1);
    });

    it('refuses a batch that would leave a gap', async () => {
      const disputeId = randomUUID();
      await store.append(disputeId, [event(1)], projection(1));
      await expect(store.append(disputeId, [event(3)], projection(3))).rejects.toBeInstanceOf(EventSequenceConflict);
      await expect(store.append(disputeId, [event(2), event(4)], projection(4))).rejects.toBeInstanceOf(EventSequenceConflict);
      expect(await eventsOf(dataSource, disputeId)).toHaveLength(1);
    });

    it('never rolls the projection back when a late retry arrives', async () => {
      const disputeId = randomUUID();
      await store.append(disputeId, [event(1)], projection(1, 'OPEN'));
      await store.append(disputeId, [event(2)], projection(2, 'NEGOTIATING'));
      await store.append(disputeId, [event(1)], projection(1, 'OPEN'));
      const [row] = await dataSource.query('SELECT status, version FROM disputes WHERE dispute_id = $1', [disputeId]);
      expect(row).toEqual({ status: 'NEGOTIATING', version: 2 });
    });

    it('keeps the pinned policy of the stored row when a later projection comes without it, and takes one that comes with it', async () => {
      const disputeId = randomUUID();
      const opening = projection(1);
      await store.append(disputeId, [event(1, 'DisputeOpened')], { ...opening, state: { ...opening.state, policy: defaultPolicy } });
      const later = projection(2, 'NEGOTIATING');
      await store.append(disputeId, [event(2)], { ...later, state: withoutPolicy(later.state) });
      const stateOf = async () => (await readProjection(dataSource, disputeId))!.state;
      expect(await stateOf()).toEqual({ ...later.state, policy: defaultPolicy });

      // A workflow on older code sends the policy with every batch: written as sent.
      const older = projection(3, 'NEGOTIATING');
      const changed = { ...defaultPolicy, version: 'a later version' };
      await store.append(disputeId, [event(3)], { ...older, state: { ...older.state, policy: changed } });
      expect(await stateOf()).toEqual({ ...older.state, policy: changed });
    });
  });

  // The store chains a batch from the head it last wrote without reading it back; these are
  // the cases where that head is not the stored one, or another append gets there first.
  describe('with more than one store (workers) appending to a dispute', () => {
    it('chains each batch from the stored head, whichever store wrote it', async () => {
      const disputeId = randomUUID();
      const other = new EventStore(dataSource);
      await store.append(disputeId, [event(1, 'DisputeOpened')], projection(1));
      await other.append(disputeId, [event(2), event(3)], projection(3));
      const result = await store.append(disputeId, [event(4)], projection(4));

      expect(result.inserted).toBe(1);
      const verification = await verifyDisputeHistory(dataSource, disputeId);
      expect(verification).toMatchObject({ valid: true, length: 4, projection: { version: 4, headHash: result.headHash } });
    });

    it('refuses a different event at a sequence another store took, though this store knew the head before it', async () => {
      const disputeId = randomUUID();
      const other = new EventStore(dataSource);
      await store.append(disputeId, [event(1, 'DisputeOpened')], projection(1));
      await other.append(disputeId, [event(2)], projection(2));
      const before = await eventsOf(dataSource, disputeId);

      await expect(store.append(disputeId, [event(2, 'MessagePosted', { body: 'another' }), event(3)], projection(3))).rejects.toBeInstanceOf(EventSequenceConflict);
      expect(await eventsOf(dataSource, disputeId)).toEqual(before);
    });

    it('stores a batch once when two stores append it at the same time (a retry overlapping a slow first attempt)', async () => {
      const disputeId = randomUUID();
      const other = new EventStore(dataSource);
      await store.append(disputeId, [event(1, 'DisputeOpened')], projection(1));
      await other.append(disputeId, [event(2)], projection(2));
      await store.append(disputeId, [event(2)], projection(2)); // now both know event 2 as the head

      const results = await Promise.all([store.append(disputeId, [event(3), event(4)], projection(4)), other.append(disputeId, [event(3), event(4)], projection(4))]);

      expect(results.map((result) => result.inserted).sort()).toEqual([0, 2]);
      expect(results[0].headHash).toBe(results[1].headHash);
      expect((await eventsOf(dataSource, disputeId)).map((row) => row.sequence)).toEqual([1, 2, 3, 4]);
    });
  });

  it('stores the payload that was hashed: the same value, and a history that verifies', async () => {
    const disputeId = randomUUID();
    const payload = { zeta: 'last key first', alpha: { nested: [3, 1.5, -0, null, 'quote " and \\ and \u00e9'], empty: {} }, unicode: '🙂 \u2028' };
    await store.append(disputeId, [event(1, 'DisputeOpened', payload), event(2)], projection(2));

    const [stored] = await readStream(dataSource, disputeId, { limit: 1 });
    expect(stored.payload).toEqual(JSON.parse(JSON.stringify(payload)));
    expect(stored.hash).toBe(eventHash({ disputeId, ...event(1, 'DisputeOpened', payload), previousHash: GENESIS_HASH }));
    expect(await verifyDisputeHistory(dataSource, disputeId)).toMatchObject({ valid: true, length: 2 });
  });

  describe('the database itself', () => {
    let disputeId: string;

    beforeAll(async () => {
      disputeId = randomUUID();
      await store.append(disputeId, [event(1), event(2)], projection(2));
    });

    it('refuses UPDATE of an event, even for a superuser', async () => {
      await expect(dataSource.query(`UPDATE dispute_events SET type = 'Forged' WHERE dispute_id = $1`, [disputeId])).rejects.toThrow(/append-only: UPDATE refused/);
    });

    it('refuses DELETE of an event', async () => {
      await expect(dataSource.query('DELETE FROM dispute_events WHERE dispute_id = $1', [disputeId])).rejects.toThrow(/append-only: DELETE refused/);
    });

    it('refuses TRUNCATE of the history', async () => {
      await expect(dataSource.query('TRUNCATE dispute_events')).rejects.toThrow(/append-only: TRUNCATE refused/);
    });

    it('refuses a hand-written insert that leaves a gap or breaks the chain', async () => {
      const insert = (sequence: number, previousHash: string) =>
        dataSource.query(
          `INSERT INTO dispute_events (dispute_id, sequence, type, payload, actor_role, actor_id, occurred_at, schema_version, previous_hash, hash)
           VALUES ($1, $2, 'Forged', '{}', 'SYSTEM', 'x', now(), 1, $3, $4)`,
          [disputeId, sequence, previousHash, 'f'.repeat(64)],
        );
      await expect(insert(4, 'a'.repeat(64))).rejects.toThrow(/gap/);
      await expect(insert(3, 'a'.repeat(64))).rejects.toThrow(/does not chain/);
      await expect(insert(1, GENESIS_HASH)).rejects.toThrow(/duplicate key/);
      expect(await eventsOf(dataSource, disputeId)).toHaveLength(2);
    });

    it('grants the application role SELECT and INSERT on events, never UPDATE, DELETE or TRUNCATE', async () => {
      const rows: { privilege_type: string }[] = await dataSource.query(
        `SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'dispute_app' AND table_name = 'dispute_events' ORDER BY 1`,
      );
      expect(rows.map((row) => row.privilege_type)).toEqual(['INSERT', 'SELECT']);
    });
  });
});
