import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EvidenceItem } from '../../domain/src';
import type { ContentStore } from '../../persistence/src/evidence-store';
import { readStream } from '../../persistence/src';
import type { ChainedEvent } from './history';

/**
 * What the stored bytes of one citation say:
 * - INTACT: a stored file hashes to the recorded sha256 (and has the recorded size, where one was recorded);
 * - MISSING: the history commits to an uploaded file, and no file is stored at its hash;
 * - ALTERED: the file stored at the recorded hash has other bytes (or another size);
 * - UNVERIFIABLE: recorded before citations were checked against the upload catalog, and no
 *   stored file has the hash the client claimed, so nothing shows it was ever uploaded.
 */
export type CitationStatus = 'INTACT' | 'MISSING' | 'ALTERED' | 'UNVERIFIABLE';

export interface CitationCheck {
  /** The event that put the file into the case file. */
  sequence: number;
  evidenceId: string;
  sha256: string;
  status: CitationStatus;
  /** What is wrong, in a sentence; null when intact. */
  problem: string | null;
}

export interface EvidenceVerification {
  disputeId: string;
  /** True when no citation is MISSING or ALTERED (UNVERIFIABLE ones are flagged, not failed). */
  valid: boolean;
  citations: CitationCheck[];
  /** The first MISSING or ALTERED citation, in history order; null when valid. */
  firstBroken: CitationCheck | null;
}

export interface Citation {
  sequence: number;
  item: EvidenceItem;
}

/** Every file a history puts into the case file: the opening's evidence and each EvidenceAdded. */
export function citationsOf(events: readonly ChainedEvent[]): Citation[] {
  const citations: Citation[] = [];
  for (const event of events) {
    const payload = event.payload as { evidence?: EvidenceItem | EvidenceItem[] };
    if (event.type === 'DisputeOpened' && Array.isArray(payload.evidence)) {
      for (const item of payload.evidence) citations.push({ sequence: event.sequence, item });
    } else if (event.type === 'EvidenceAdded' && payload.evidence && !Array.isArray(payload.evidence)) {
      citations.push({ sequence: event.sequence, item: payload.evidence });
    }
  }
  return citations;
}

/** The hash and size of the bytes stored at `sha256`'s address, or null when nothing is stored there. */
export async function rehash(store: ContentStore, sha256: string): Promise<{ sha256: string; sizeBytes: number } | null> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null; // no file can be stored at such an address
  const stream = await store.open(sha256);
  if (!stream) return null;
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    sizeBytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/** Holds one citation against the bytes stored for it. */
export function checkCitation(citation: Citation, stored: { sha256: string; sizeBytes: number } | null): CitationCheck {
  const { sequence, item } = citation;
  const base = { sequence, evidenceId: item.evidenceId, sha256: item.sha256 };
  const committed = item.sizeBytes !== undefined;
  if (!stored) {
    return committed
      ? { ...base, status: 'MISSING', problem: `Evidence ${item.evidenceId} (event ${sequence}) is missing: no stored file has its recorded hash ${item.sha256}.` }
      : {
          ...base,
          status: 'UNVERIFIABLE',
          problem: `Evidence ${item.evidenceId} (event ${sequence}) was cited before citations were checked against the upload catalog, and no stored file has the hash it claims.`,
        };
  }
  if (stored.sha256 !== item.sha256) {
    return { ...base, status: 'ALTERED', problem: `Evidence ${item.evidenceId} (event ${sequence}) was altered: the stored file hashes to ${stored.sha256}, not the recorded ${item.sha256}.` };
  }
  if (committed && stored.sizeBytes !== item.sizeBytes) {
    return { ...base, status: 'ALTERED', problem: `Evidence ${item.evidenceId} (event ${sequence}) was altered: the stored file has ${stored.sizeBytes} bytes, not the recorded ${item.sizeBytes}.` };
  }
  return { ...base, status: 'INTACT', problem: null };
}

/**
 * Re-hashes every stored file a dispute's history cites against the hash (and size) its events
 * recorded. Returns null when the dispute has no events. The chain itself is verifyDisputeHistory's:
 * this proves the bytes behind a verified chain are the bytes it committed to.
 */
export async function verifyDisputeEvidence(dataSource: DataSource, store: ContentStore, disputeId: string): Promise<EvidenceVerification | null> {
  const events = await readStream(dataSource, disputeId);
  if (events.length === 0) return null;
  const citations: CitationCheck[] = [];
  for (const citation of citationsOf(events)) citations.push(checkCitation(citation, await rehash(store, citation.item.sha256)));
  const firstBroken = citations.find((check) => check.status === 'MISSING' || check.status === 'ALTERED') ?? null;
  return { disputeId, valid: firstBroken === null, citations, firstBroken };
}
