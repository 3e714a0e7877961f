import type { DataSource } from 'typeorm';
import { GENESIS_HASH, canonicalJson, envelopeJson, hashedFieldsOf, sha256 } from '../../chain/src';
import { isDisputeId, readProjectionHead, readStream, type ProjectionHead, type Queryable } from '../../persistence/src';
import type { ChainedEvent } from './history';

/** The outcome of checking one dispute's hash chain. */
export interface ChainVerification {
  /** True when every event is present, in order, unaltered and linked to its predecessor. */
  valid: boolean;
  /** Number of events checked. */
  length: number;
  /** The stored hash of the last event (the genesis hash for an empty history). Only trustworthy when valid. */
  headHash: string;
  /** The first sequence number at which the history is not what was recorded; null when valid. */
  firstBrokenSequence: number | null;
  /** What is wrong there, in a sentence; null when valid. */
  problem: string | null;
}

const short = (hash: string): string => `${hash.slice(0, 12)}…`;

/**
 * Storage positions are non-negative integers printed without leading zeros (bigint as
 * text), so comparing lengths, then text, compares them numerically without parsing.
 */
function storedAfter(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

/**
 * The hash of exactly the hashed fields of an event (the stored hash and storage metadata are
 * not part of it). envelopeJson reads only those fields; when a value has an unusual type it
 * declines and the fields are copied out and serialised generically: same bytes either way.
 */
export function hashOf(event: ChainedEvent): string {
  return sha256(envelopeJson(event) ?? canonicalJson(hashedFieldsOf(event)));
}

/**
 * Checks a dispute's events, given in sequence order, against the hash chain they carry:
 * each event must have the next sequence number, name the previous event's hash (the
 * genesis hash for the first), be stored before its successor when storage positions are
 * given, and hash (SHA-256 of its canonical JSON) to the hash stored with it. Pure; reports
 * the first sequence that fails and why.
 */
export function verifyChain(events: readonly ChainedEvent[]): ChainVerification {
  const length = events.length;
  const headHash = length > 0 ? events[length - 1].hash : GENESIS_HASH;
  const broken = (sequence: number, problem: string): ChainVerification => ({ valid: false, length, headHash, firstBrokenSequence: sequence, problem });
  const disputeId = length > 0 ? events[0].disputeId : '';
  let previousHash = GENESIS_HASH;
  let sequences: Set<number> | undefined;

  for (let index = 0; index < length; index += 1) {
    const event = events[index];
    const expected = index + 1;
    if (event.sequence !== expected) {
      sequences ??= new Set(events.map((e) => e.sequence));
      if (!sequences.has(expected)) {
        return broken(expected, `Event ${expected} is missing: the history goes from event ${expected - 1} to event ${event.sequence} (a row was deleted).`);
      }
      return broken(expected, `Event ${expected} is out of place: event ${event.sequence} stands where it should be (rows were reordered).`);
    }
    if (event.disputeId !== disputeId) {
      return broken(expected, `Event ${expected} belongs to dispute ${event.disputeId}, not ${disputeId}.`);
    }
    const next = events[index + 1];
    if (event.globalPosition !== undefined && next?.globalPosition !== undefined && next.sequence === expected + 1 && storedAfter(event.globalPosition, next.globalPosition)) {
      return broken(expected, `Event ${expected} was stored after event ${expected + 1} (rows were reordered).`);
    }
    if (event.previousHash !== previousHash) {
      return broken(
        expected,
        expected === 1
          ? `Event 1 does not chain from the genesis hash (it names ${short(event.previousHash)}).`
          : `Event ${expected} does not chain from event ${expected - 1}: it names ${short(event.previousHash)} but event ${expected - 1} hashes to ${short(previousHash)}.`,
      );
    }
    const recomputed = hashOf(event);
    if (recomputed !== event.hash) {
      return broken(expected, `Event ${expected} was altered: its content hashes to ${short(recomputed)}, not the recorded ${short(event.hash)}.`);
    }
    previousHash = event.hash;
  }
  return { valid: true, length, headHash, firstBrokenSequence: null, problem: null };
}

/** A dispute's verification, checked against the head its projection recorded as well. */
export interface DisputeHistoryVerification extends ChainVerification {
  disputeId: string;
  /** The version and head hash the projection row (written in the same transaction as the events) holds; null without a row. */
  projection: ProjectionHead | null;
}

/**
 * Reads a dispute's history and verifies its chain, then holds the chain against the
 * projection: the append wrote the projection's version and head hash in the same
 * transaction as the events, so a projection ahead of the history means events were
 * removed from its end, and a different hash at the projection's version means the
 * history was rewritten from some point on. Both reads share one snapshot. Returns null
 * when the dispute has no events (it does not exist).
 */
export async function verifyDisputeHistory(dataSource: DataSource, disputeId: string): Promise<DisputeHistoryVerification | null> {
  if (!isDisputeId(disputeId)) return null;
  const read = async (q: Queryable) => ({ events: await readStream(q, disputeId), projection: await readProjectionHead(q, disputeId) });
  const { events, projection } = await inSnapshot(dataSource, read);
  if (events.length === 0) return null;
  const chain = verifyChain(events);
  const result = { disputeId, ...chain, projection };
  if (!chain.valid || !projection) return result;
  if (projection.version > chain.length) {
    const missing = chain.length + 1 === projection.version ? `Event ${projection.version} is` : `Events ${chain.length + 1} to ${projection.version} are`;
    return {
      ...result,
      valid: false,
      firstBrokenSequence: chain.length + 1,
      problem: `${missing} missing: the projection recorded version ${projection.version} (head ${short(projection.headHash)}) but the history ends at event ${chain.length}.`,
    };
  }
  const atVersion = events[projection.version - 1];
  if (atVersion && atVersion.hash !== projection.headHash) {
    return {
      ...result,
      valid: false,
      firstBrokenSequence: projection.version,
      problem: `The history was rewritten: event ${projection.version} hashes to ${short(atVersion.hash)}, but when it was appended the head was ${short(projection.headHash)}.`,
    };
  }
  return result;
}

/** Runs reads in one REPEATABLE READ transaction, so they see a single snapshot of the database. */
export function inSnapshot<T>(dataSource: DataSource, work: (q: Queryable) => Promise<T>): Promise<T> {
  return dataSource.transaction('REPEATABLE READ', (manager) => work(manager));
}
