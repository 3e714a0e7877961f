import type { DataSource } from 'typeorm';
import type { NotificationInput } from '../../contracts/src/activities';
import type { DisputeProjection, SentProjection } from '../../domain/src';
import { GENESIS_HASH, eventJson, sha256 } from '../../chain/src';
import { ChainHeads } from './chain-heads';
import type { EventToAppend, SealedEvent } from './events/insert-events';
import { lockStream } from './events/lock-stream';
import { readChainLinks } from './events/read-chain-links';
import { readStream } from './events/read-stream';
import type { StoredEvent } from './events/stored-event';
import type { Queryable } from './queryable';
import { writeBatch } from './write-batch';

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

/** How many disputes' chain heads a store remembers (about 200 bytes each). */
const CHAIN_HEADS_KEPT = 10_000;

interface Batch {
  disputeId: string;
  events: EventToAppend[];
  projection: SentProjection;
  notifications: NotificationInput[];
}

export class EventStore {
  private readonly heads = new ChainHeads(CHAIN_HEADS_KEPT);

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends a contiguous batch of a dispute's events and updates its projections (`disputes`,
   * `seller_dispute_facts`) and the notification outbox, in one transaction: a notification is stored exactly when the events
   * it announces are. Idempotent per dispute + sequence: events already stored with the same
   * content are skipped (an activity retry after a lost reply), a different event at a
   * taken sequence raises EventSequenceConflict.
   *
   * Usually one round trip: when the batch opens the chain or follows the head this store
   * last wrote, it is written at once in one statement. If that statement finds a sequence
   * taken or the chain moved (a retry, another worker), or the head is not known here, the
   * store reads the chain links and writes what is missing; should that collide too, it does
   * it again under the dispute's advisory lock, as every append did before (docs/decisions.md).
   * A projection whose state lacks the pinned policy keeps the stored row's (pinned-policy.ts).
   */
  async append(disputeId: string, events: EventToAppend[], projection: SentProjection, notifications: NotificationInput[] = []): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    events.forEach((event, index) => {
      if (event.sequence !== events[0].sequence + index) {
        throw new EventSequenceConflict(disputeId, event.sequence, 'the batch is not contiguous');
      }
    });
    const batch: Batch = { disputeId, events, projection, notifications };
    const first = events[0].sequence;
    const known = first === 1 ? GENESIS_HASH : this.heads.hashAt(disputeId, first - 1);
    const written =
      (known !== undefined ? await this.tryWrite(batch, new Map([[first - 1, known]])) : null) ??
      (await this.tryWrite(batch, await this.linksOf(this.dataSource, batch))) ??
      (await this.dataSource.transaction(async (manager) => {
        await lockStream(manager, disputeId);
        const stored = await this.linksOf(manager, batch);
        if (first > 1 && !stored.has(first - 1)) throw new EventSequenceConflict(disputeId, first, `event ${first - 1} is not stored`);
        return this.write(manager, batch, stored);
      }));
    const headSequence = events[events.length - 1].sequence;
    this.heads.remember(disputeId, headSequence, written.headHash);
    return { headSequence, headHash: written.headHash, inserted: written.inserted };
  }

  /** A dispute's events stored after `afterSequence`, in sequence order. */
  eventsAfter(disputeId: string, afterSequence: number): Promise<StoredEvent[]> {
    return readStream(this.dataSource, disputeId, { after: afterSequence });
  }

  /** The stored links from the batch's predecessor to its last sequence, by sequence. */
  private async linksOf(db: Queryable, batch: Batch): Promise<Map<number, string>> {
    const links = await readChainLinks(db, batch.disputeId, batch.events[0].sequence - 1, batch.events[batch.events.length - 1].sequence);
    return new Map(links.map((link) => [link.sequence, link.hash]));
  }

  /**
   * `write`, outside a transaction and without the lock; null when the database refuses it
   * because another append got there first (a taken sequence, a link that is not the head), so
   * the caller tries again knowing more. A missing predecessor is left to the locked attempt.
   */
  private async tryWrite(batch: Batch, stored: Map<number, string>): Promise<{ headHash: string; inserted: number } | null> {
    const first = batch.events[0].sequence;
    if (first > 1 && !stored.has(first - 1)) return null;
    try {
      return await this.write(this.dataSource, batch, stored);
    } catch (error) {
      if (anotherAppendWasFirst(error)) return null;
      throw error;
    }
  }

  /**
   * Hashes the batch on the stored links (the predecessor's, and any of the batch's own a retry
   * finds), refuses a different event at a taken sequence, and writes the rest in one statement.
   */
  private async write(db: Queryable, batch: Batch, stored: Map<number, string>): Promise<{ headHash: string; inserted: number }> {
    const { disputeId, events } = batch;
    let previousHash = events[0].sequence === 1 ? GENESIS_HASH : stored.get(events[0].sequence - 1)!;
    const missing: SealedEvent[] = [];
    for (const event of events) {
      // One serialisation: the canonical JSON is both what is hashed and what is stored.
      const json = eventJson({ disputeId, ...event, previousHash });
      const hash = sha256(json);
      const existing = stored.get(event.sequence);
      if (existing === undefined) missing.push({ json, hash });
      else if (existing !== hash) throw new EventSequenceConflict(disputeId, event.sequence, 'a different event is stored there');
      previousHash = hash;
    }
    const inserted = await writeBatch(db, { disputeId, missing, projection: batch.projection, headHash: previousHash, notifications: batch.notifications });
    return { headHash: previousHash, inserted };
  }
}

/** The refusals an append meets when another append stored some of its sequences first. */
function anotherAppendWasFirst(error: unknown): boolean {
  const cause = (error as { driverError?: unknown }).driverError ?? error;
  const { code, constraint, where } = cause as { code?: string; constraint?: string; where?: string };
  if (code === '23505') return constraint === 'dispute_events_sequence_unique';
  return code === '23514' && typeof where === 'string' && where.includes('dispute_events_check_chain');
}
