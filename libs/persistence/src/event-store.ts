import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationInput } from '../../contracts/src/activities';
import type { DisputeProjection } from '../../domain/src';
import { GENESIS_HASH, eventHash, type HashedEventFields } from '../../chain/src';
import { enqueueNotifications } from './notification-outbox';

/** An event as handed to the store: its hashed fields but the two the store supplies (the dispute, the chain link). */
export type EventToAppend = Omit<HashedEventFields, 'disputeId' | 'previousHash'>;

/** The read model written in the same transaction as the events it reflects (the domain's projectionOf). */
export type { DisputeProjection };

export interface AppendResult {
  headSequence: number;
  headHash: string;
  /** Events actually inserted; fewer than given when a retry finds them already stored. */
  inserted: number;
}

/** A different event already holds a sequence number: retrying cannot help. */
export class EventSequenceConflict extends Error {
  constructor(
    readonly disputeId: string,
    readonly sequence: number,
    detail: string,
  ) {
    super(`Event ${sequence} of dispute ${disputeId} conflicts with the stored history: ${detail}`);
    this.name = 'EventSequenceConflict';
  }
}

interface StoredLink {
  sequence: number;
  hash: string;
}

export class EventStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends a contiguous batch of a dispute's events and updates its projection and the
   * notification outbox, in one transaction: a notification is stored exactly when the events
   * it announces are. Idempotent per dispute + sequence: events already stored with the same
   * content are skipped (an activity retry after a lost reply), a different event at a
   * taken sequence raises EventSequenceConflict.
   */
  async append(disputeId: string, events: EventToAppend[], projection: DisputeProjection, notifications: NotificationInput[] = []): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    events.forEach((event, index) => {
      if (event.sequence !== events[0].sequence + index) {
        throw new EventSequenceConflict(disputeId, event.sequence, 'the batch is not contiguous');
      }
    });
    return this.dataSource.transaction(async (manager) => {
      // Serialises appends to one dispute (a retry may overlap a slow first attempt).
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [disputeId]);
      const first = events[0].sequence;
      const stored: StoredLink[] = await manager.query(
        'SELECT sequence, hash FROM dispute_events WHERE dispute_id = $1 AND sequence >= $2 AND sequence <= $3 ORDER BY sequence',
        [disputeId, first - 1, events[events.length - 1].sequence],
      );
      const bySequence = new Map(stored.map((link) => [link.sequence, link.hash]));
      let previousHash = first === 1 ? GENESIS_HASH : bySequence.get(first - 1);
      if (previousHash === undefined) {
        throw new EventSequenceConflict(disputeId, first, `event ${first - 1} is not stored`);
      }
      let inserted = 0;
      for (const event of events) {
        const hash = eventHash({ disputeId, ...event, previousHash });
        const existing = bySequence.get(event.sequence);
        if (existing === undefined) {
          await insertEvent(manager, disputeId, event, previousHash, hash);
          inserted += 1;
        } else if (existing !== hash) {
          throw new EventSequenceConflict(disputeId, event.sequence, 'a different event is stored there');
        }
        previousHash = hash;
      }
      await upsertProjection(manager, disputeId, projection, previousHash);
      await enqueueNotifications(manager, notifications);
      return { headSequence: events[events.length - 1].sequence, headHash: previousHash, inserted };
    });
  }
}

async function insertEvent(manager: EntityManager, disputeId: string, event: EventToAppend, previousHash: string, hash: string) {
  await manager.query(
    `INSERT INTO dispute_events
       (dispute_id, sequence, type, payload, actor_role, actor_id, occurred_at, command_id, schema_version, previous_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      disputeId,
      event.sequence,
      event.type,
      JSON.stringify(event.payload),
      event.actor.role,
      event.actor.id,
      event.occurredAt,
      event.commandId,
      event.schemaVersion,
      previousHash,
      hash,
    ],
  );
}

async function upsertProjection(manager: EntityManager, disputeId: string, projection: DisputeProjection, headHash: string) {
  // The version guard keeps a late retry from rolling the read model back.
  await manager.query(
    `INSERT INTO disputes
       (dispute_id, order_id, buyer_id, seller_id, status, reason, version, state, head_hash, next_deadline_at, opened_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (dispute_id) DO UPDATE SET
       status = EXCLUDED.status, version = EXCLUDED.version, state = EXCLUDED.state, head_hash = EXCLUDED.head_hash,
       next_deadline_at = EXCLUDED.next_deadline_at, updated_at = EXCLUDED.updated_at
     WHERE disputes.version < EXCLUDED.version`,
    [
      disputeId,
      projection.orderId,
      projection.buyerId,
      projection.sellerId,
      projection.status,
      projection.reason,
      projection.version,
      JSON.stringify(projection.state),
      headHash,
      projection.nextDeadlineAt,
      projection.openedAt,
      projection.updatedAt,
    ],
  );
}
