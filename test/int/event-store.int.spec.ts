import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { GENESIS_HASH, eventHash } from '../../libs/audit/src';
import { EventSequenceConflict, EventStore, type DisputeProjection, type EventToAppend } from '../../libs/persistence/src';
import { eventsOf, openTestDataSource } from '../support/database';
import { initialState, type DisputeStatus } from '../../libs/domain/src';

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
