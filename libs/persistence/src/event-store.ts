import type { DataSource } from 'typeorm';
import type { NotificationInput } from '../../contracts/src/activities';
import { sellerDisputeFactsOf, type DisputeProjection } from '../../domain/src';
import { GENESIS_HASH, eventHash } from '../../chain/src';
import { upsertProjection } from './disputes/upsert-projection';
import { insertEvent, type EventToAppend } from './events/insert-event';
import { lockStream } from './events/lock-stream';
import { readChainLinks } from './events/read-chain-links';
import { enqueueNotifications } from './notification-outbox';
import { upsertSellerFacts } from './seller-performance/upsert-seller-facts';

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

export class EventStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends a contiguous batch of a dispute's events and updates its projections (`disputes`,
   * `seller_dispute_facts`) and the notification outbox, in one transaction: a notification is stored exactly when the events
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
      await lockStream(manager, disputeId);
      const first = events[0].sequence;
      const stored = await readChainLinks(manager, disputeId, first - 1, events[events.length - 1].sequence);
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
          await insertEvent(manager, { ...event, disputeId, previousHash, hash });
          inserted += 1;
        } else if (existing !== hash) {
          throw new EventSequenceConflict(disputeId, event.sequence, 'a different event is stored there');
        }
        previousHash = hash;
      }
      await upsertProjection(manager, { ...projection, disputeId, headHash: previousHash });
      // Seller performance's facts, from the same state in the same transaction: they exist
      // exactly when the events they summarize do (audit:rebuild derives them the same way).
      // Keyed by the stream's id like the projection row, never by an id inside the events.
      const facts = sellerDisputeFactsOf(projection.state);
      if (facts !== null) await upsertSellerFacts(manager, { ...facts, disputeId });
      await enqueueNotifications(manager, notifications);
      return { headSequence: events[events.length - 1].sequence, headHash: previousHash, inserted };
    });
  }
}
