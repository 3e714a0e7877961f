import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { canonicalJson, hashedFieldsOf, sha256 } from '../../chain/src';
import { isDisputeId, lastSequence, readStreams, streamsRecordedBetween, type Queryable, type StoredEvent, type StreamSelection } from '../../persistence/src';
import { AuditInputError } from './history';
import { verifyChain, type ChainVerification } from './verify';

export const EXPORT_FORMAT = 'dispute-history-export';
export const EXPORT_FORMAT_VERSION = 1;
export const EVENTS_FILE = 'events.ndjson';
export const MANIFEST_FILE = 'manifest.json';

/** One dispute, or every dispute with an event recorded in [from, to) (database clock). */
export type ExportSelection = { disputeId: string } | { from: string; to: string };

export interface ManifestDispute {
  disputeId: string;
  events: number;
  headSequence: number;
  headHash: string;
  /** Whether the chain verified when it was exported (an altered history is exported as found, and fails offline). */
  validAtExport: boolean;
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  exportedAt: string;
  selection: { disputeId: string } | { recordedFrom: string; recordedTo: string };
  events: { file: string; count: number; bytes: number; sha256: string };
  disputes: ManifestDispute[];
}

export interface ExportResult {
  directory: string;
  manifest: ExportManifest;
  /** SHA-256 of manifest.json as written: keep it (or the head hashes) somewhere the exporter cannot rewrite. */
  manifestSha256: string;
}

/** An exported event: the hashed fields, the hash, and the storage metadata. */
export function exportLine(event: StoredEvent): string {
  return canonicalJson({
    ...hashedFieldsOf(event),
    hash: event.hash,
    recordedAt: event.recordedAt,
    globalPosition: event.globalPosition,
  });
}

/** The manifest's one accepted spelling: keys sorted at every depth, two-space indent, final newline. */
export function manifestText(manifest: ExportManifest): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2)}\n`;
}

function isoInstant(value: string, field: string): string {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) throw new AuditInputError(field, `${field} must be an ISO-8601 timestamp, got "${value}".`);
  return new Date(ms).toISOString();
}

/** Which disputes, and up to which sequence each: a range export is each dispute's history as it stood at `to`. */
async function selectDisputes(db: Queryable, selection: ExportSelection): Promise<Required<StreamSelection>[]> {
  if (!('disputeId' in selection)) return streamsRecordedBetween(db, selection.from, selection.to);
  if (!isDisputeId(selection.disputeId)) return [];
  const upTo = await lastSequence(db, selection.disputeId);
  return upTo ? [{ disputeId: selection.disputeId.toLowerCase(), upTo }] : [];
}

/**
 * Writes the selected histories to `directory` as events.ndjson (one canonical JSON event per
 * line, by dispute then sequence, each history from its first event) plus manifest.json
 * (count, bytes and SHA-256 of the events file, and each dispute's length and head hash).
 * Everything is read in one snapshot. Throws AuditInputError for a bad selection; an empty
 * selection writes an empty export.
 */
export async function exportHistories(dataSource: DataSource, selection: ExportSelection, directory: string, batchSize = 100): Promise<ExportResult> {
  const normalised: ExportSelection =
    'disputeId' in selection ? selection : { from: isoInstant(selection.from, 'from'), to: isoInstant(selection.to, 'to') };
  if ('from' in normalised && normalised.from >= normalised.to) throw new AuditInputError('to', 'The range must end after it starts.');
  await mkdir(directory, { recursive: true });
  const eventsPath = join(directory, EVENTS_FILE);
  const partial = `${eventsPath}.partial`;
  const digest = createHash('sha256');
  let bytes = 0;
  let count = 0;
  const disputes: ManifestDispute[] = [];

  const file = await open(partial, 'w');
  try {
    await dataSource.transaction('REPEATABLE READ', async (manager) => {
      const selected = await selectDisputes(manager, normalised);
      for (let start = 0; start < selected.length; start += batchSize) {
        const batch = selected.slice(start, start + batchSize);
        const events = await readStreams(manager, batch);
        let chunk = '';
        for (const event of events) chunk += `${exportLine(event)}\n`;
        for (const d of batch) {
          const history = events.filter((event) => event.disputeId === d.disputeId);
          const chain = verifyChain(history);
          disputes.push({ disputeId: d.disputeId, events: history.length, headSequence: history[history.length - 1]?.sequence ?? 0, headHash: chain.headHash, validAtExport: chain.valid });
        }
        const buffer = Buffer.from(chunk, 'utf8');
        digest.update(buffer);
        bytes += buffer.length;
        count += events.length;
        await file.write(buffer);
      }
    });
  } finally {
    await file.close();
  }
  await rename(partial, eventsPath);

  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    selection: 'disputeId' in normalised ? { disputeId: normalised.disputeId.toLowerCase() } : { recordedFrom: normalised.from, recordedTo: normalised.to },
    events: { file: EVENTS_FILE, count, bytes, sha256: digest.digest('hex') },
    disputes,
  };
  const text = manifestText(manifest);
  await writeFile(join(directory, MANIFEST_FILE), text);
  return { directory, manifest, manifestSha256: sha256(text) };
}

export interface ExportVerification {
  valid: boolean;
  /** Every problem found, in a sentence each. */
  problems: string[];
  events: number;
  disputes: (ChainVerification & { disputeId: string })[];
}

export interface VerifyExportOptions {
  /** The manifest's SHA-256 as printed at export time and kept elsewhere. */
  manifestSha256?: string;
  /** Head hashes published elsewhere (dispute id -> head hash); each must match the export. */
  expectedHeads?: Record<string, string>;
}

const HEX64 = /^[0-9a-f]{64}$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0;

function manifestShaped(manifest: ExportManifest): boolean {
  const { selection, events, disputes } = manifest as unknown as Record<string, unknown>;
  const selectionShaped =
    isObject(selection) &&
    (typeof selection.disputeId === 'string' || (typeof selection.recordedFrom === 'string' && typeof selection.recordedTo === 'string'));
  const eventsShaped =
    isObject(events) && typeof events.file === 'string' && isCount(events.count) && isCount(events.bytes) && typeof events.sha256 === 'string';
  const disputesShaped =
    Array.isArray(disputes) &&
    disputes.every(
      (d: unknown) =>
        isObject(d) && typeof d.disputeId === 'string' && isCount(d.events) && isCount(d.headSequence) && typeof d.headHash === 'string' && typeof d.validAtExport === 'boolean',
    );
  return typeof manifest.exportedAt === 'string' && selectionShaped && eventsShaped && disputesShaped;
}

function parseManifest(text: string, problems: string[]): ExportManifest | null {
  let manifest: ExportManifest;
  try {
    manifest = JSON.parse(text) as ExportManifest;
  } catch {
    problems.push('manifest.json is not valid JSON.');
    return null;
  }
  if (typeof manifest !== 'object' || manifest === null || manifest.format !== EXPORT_FORMAT || manifest.formatVersion !== EXPORT_FORMAT_VERSION) {
    problems.push(`manifest.json is not a ${EXPORT_FORMAT} version ${EXPORT_FORMAT_VERSION} manifest.`);
    return null;
  }
  if (!manifestShaped(manifest)) {
    problems.push('manifest.json does not have the fields of a manifest (it was altered).');
    return null;
  }
  if (manifestText(manifest) !== text) problems.push('manifest.json is not in its canonical form (it was edited after the export).');
  return manifest;
}

function parseLine(line: string, number: number, problems: string[]): StoredEvent | null {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line) as Record<string, unknown>;
  } catch {
    problems.push(`Line ${number} of ${EVENTS_FILE} is not valid JSON.`);
    return null;
  }
  const actor = value?.actor as { role?: unknown; id?: unknown } | undefined;
  const shaped =
    typeof value === 'object' &&
    value !== null &&
    typeof value.disputeId === 'string' &&
    Number.isInteger(value.sequence) &&
    typeof value.type === 'string' &&
    'payload' in value &&
    typeof actor === 'object' &&
    actor !== null &&
    typeof actor.role === 'string' &&
    typeof actor.id === 'string' &&
    typeof value.occurredAt === 'string' &&
    (value.commandId === null || typeof value.commandId === 'string') &&
    Number.isInteger(value.schemaVersion) &&
    typeof value.previousHash === 'string' &&
    typeof value.hash === 'string' &&
    typeof value.recordedAt === 'string' &&
    typeof value.globalPosition === 'string';
  if (!shaped) {
    problems.push(`Line ${number} of ${EVENTS_FILE} is not an exported event.`);
    return null;
  }
  const event = value as unknown as StoredEvent;
  if (exportLine(event) !== line) problems.push(`Line ${number} of ${EVENTS_FILE} is not in its canonical form (it was edited after the export).`);
  return event;
}

/**
 * Checks an export without a database: the events file must have exactly the bytes the
 * manifest names (size and SHA-256), every line must be a canonical event, and every
 * dispute's chain must verify from its genesis and end at the head the manifest records.
 * Any altered byte of the events file fails; the manifest's own bytes are pinned by its
 * canonical form and, fully, by `manifestSha256`.
 */
export function verifyExportContents(manifestBytes: Buffer, eventBytes: Buffer, options: VerifyExportOptions = {}): ExportVerification {
  const problems: string[] = [];
  const result = (disputes: ExportVerification['disputes'] = [], events = 0): ExportVerification => ({ valid: problems.length === 0, problems, events, disputes });
  if (options.manifestSha256 !== undefined && createHash('sha256').update(manifestBytes).digest('hex') !== options.manifestSha256.toLowerCase()) {
    problems.push('manifest.json does not have the SHA-256 it had when exported.');
  }
  const manifest = parseManifest(manifestBytes.toString('utf8'), problems);
  if (!manifest) return result();
  const eventsSha = createHash('sha256').update(eventBytes).digest('hex');
  if (eventBytes.length !== manifest.events.bytes) problems.push(`${EVENTS_FILE} has ${eventBytes.length} bytes; the manifest says ${manifest.events.bytes}.`);
  if (eventsSha !== manifest.events.sha256) problems.push(`${EVENTS_FILE} does not have the SHA-256 the manifest records (it was altered).`);

  const text = eventBytes.toString('utf8');
  const lines = text.length === 0 ? [] : text.split('\n');
  if (lines.length > 0 && lines.pop() !== '') problems.push(`${EVENTS_FILE} does not end with a newline (it was cut or altered).`);
  const byDispute = new Map<string, StoredEvent[]>();
  lines.forEach((line, index) => {
    const event = parseLine(line, index + 1, problems);
    if (!event) return;
    const history = byDispute.get(event.disputeId) ?? [];
    history.push(event);
    byDispute.set(event.disputeId, history);
  });
  if (lines.length !== manifest.events.count) problems.push(`${EVENTS_FILE} holds ${lines.length} events; the manifest says ${manifest.events.count}.`);

  const listed = new Map(manifest.disputes.map((d) => [d.disputeId, d]));
  const disputes: ExportVerification['disputes'] = [];
  for (const [disputeId, history] of byDispute) {
    const chain = verifyChain(history);
    disputes.push({ disputeId, ...chain });
    if (!chain.valid) problems.push(`Dispute ${disputeId}: ${chain.problem}`);
    const entry = listed.get(disputeId);
    if (!entry) {
      problems.push(`Dispute ${disputeId} is in ${EVENTS_FILE} but not in the manifest.`);
      continue;
    }
    if (entry.events !== history.length || entry.headSequence !== (history[history.length - 1]?.sequence ?? 0) || entry.headHash !== chain.headHash) {
      problems.push(`Dispute ${disputeId}: the manifest records ${entry.events} events ending at ${entry.headSequence} with head ${entry.headHash}; the export has ${history.length} ending with head ${chain.headHash}.`);
    }
  }
  for (const disputeId of listed.keys()) if (!byDispute.has(disputeId)) problems.push(`Dispute ${disputeId} is in the manifest but has no events in ${EVENTS_FILE}.`);
  if (listed.size !== manifest.disputes.length) problems.push('The manifest lists a dispute twice.');
  if ('disputeId' in manifest.selection && (manifest.disputes.length > 1 || (manifest.disputes[0] && manifest.disputes[0].disputeId !== manifest.selection.disputeId))) {
    problems.push('The manifest selects one dispute but lists others.');
  }
  for (const [disputeId, head] of Object.entries(options.expectedHeads ?? {})) {
    const found = disputes.find((d) => d.disputeId === disputeId);
    if (!HEX64.test(head)) problems.push(`The expected head of dispute ${disputeId} is not a SHA-256.`);
    else if (!found) problems.push(`Dispute ${disputeId} is not in the export.`);
    else if (found.headHash !== head) problems.push(`Dispute ${disputeId} ends with head ${found.headHash}, not the published ${head}.`);
  }
  return result(disputes, lines.length);
}

/** verifyExportContents over the files of an export directory. */
export async function verifyExport(directory: string, options: VerifyExportOptions = {}): Promise<ExportVerification> {
  const manifestBytes = await readFile(join(directory, MANIFEST_FILE)).catch(() => null);
  if (!manifestBytes) return { valid: false, problems: [`${join(directory, MANIFEST_FILE)} cannot be read.`], events: 0, disputes: [] };
  let file = EVENTS_FILE;
  try {
    const named = (JSON.parse(manifestBytes.toString('utf8')) as ExportManifest).events?.file;
    if (typeof named === 'string' && /^[\w.-]+$/.test(named)) file = named;
  } catch {
    // verifyExportContents reports the manifest.
  }
  const eventBytes = await readFile(join(directory, file)).catch(() => null);
  if (!eventBytes) return { valid: false, problems: [`${join(directory, file)} cannot be read.`], events: 0, disputes: [] };
  return verifyExportContents(manifestBytes, eventBytes, options);
}
