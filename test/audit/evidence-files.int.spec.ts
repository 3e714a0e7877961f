import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { verifyDisputeEvidence } from '../../libs/audit/src';
import type { DisputeEvent, EvidenceItem } from '../../libs/domain/src';
import { LocalContentStore } from '../../libs/persistence/src/evidence-store';
import { compiled } from '../support/compiled';
import { openTestDataSource } from '../support/database';
import { evidenceBytes } from '../support/evidence';
import { at, DAY } from '../unit/support/fixtures';
import { histories } from '../unit/support/histories';
import { removeDispute, runScript, storeHistory } from './support/recorded';

/**
 * The file verification (docs/audit.md, "Evidence files"): the stored blobs a history cites
 * are re-hashed against the hashes its events recorded, in a real content store beside a real
 * event store.
 */
describe('verifying the files a history cites (PostgreSQL and a local evidence store)', () => {
  let dataSource: DataSource;
  let root: string;
  let store: LocalContentStore;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    root = await mkdtemp(join(tmpdir(), 'evidence-audit-'));
    store = new LocalContentStore(root);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await rm(root, { recursive: true, force: true });
  });

  /** Stores bytes as an upload does, and answers the item an event citing them records. */
  async function stored(name: string, contentType = 'image/jpeg'): Promise<EvidenceItem> {
    const blob = await store.write(Readable.from([evidenceBytes(name, contentType)]), 1024 * 1024);
    return { evidenceId: `ev-${name}`, sha256: blob.sha256, kind: contentType === 'application/pdf' ? 'DOCUMENT' : 'PHOTO', description: null, sizeBytes: blob.sizeBytes, contentType };
  }
  const added = (evidence: EvidenceItem, n: number): DisputeEvent => ({ type: 'EvidenceAdded', data: { evidence, addedBy: 'BUYER', actorId: 'buyer-1', at: at(DAY + n * 1000) } });
  const blobPath = (sha256: string) => join(root, sha256.slice(0, 2), sha256);

  /** A negotiating case citing three stored files and one recorded before the catalog rule (no size or type, no blob). */
  async function caseCiting() {
    const [opening, photo, receipt, label] = [await stored('opening'), await stored('photo'), await stored('receipt', 'application/pdf'), await stored('label')];
    const legacy: EvidenceItem = { evidenceId: 'ev-legacy', sha256: '7'.repeat(64), kind: 'PHOTO', description: null };
    const [first, ...rest] = histories.negotiating().events;
    if (first.type !== 'DisputeOpened') throw new Error('the fixture opens first');
    const events: DisputeEvent[] = [{ ...first, data: { ...first.data, evidence: [opening] } }, ...rest, added(photo, 1), added(receipt, 2), added(legacy, 3), added(label, 4)];
    const disputeId = await storeHistory(dataSource, events);
    const sequenceOf = (id: string) => 1 + events.findIndex((event) => event.type === 'EvidenceAdded' && event.data.evidence.evidenceId === id);
    return { disputeId, opening, photo, receipt, label, sequenceOf };
  }

  it('reports every citation intact when the stored bytes are the recorded ones, and flags the one recorded before the rule', async () => {
    const c = await caseCiting();
    const result = await verifyDisputeEvidence(dataSource, store, c.disputeId);
    expect(result!.citations.map((check) => [check.sequence, check.evidenceId, check.status])).toEqual([
      [1, 'ev-opening', 'INTACT'],
      [c.sequenceOf('ev-photo'), 'ev-photo', 'INTACT'],
      [c.sequenceOf('ev-receipt'), 'ev-receipt', 'INTACT'],
      [c.sequenceOf('ev-legacy'), 'ev-legacy', 'UNVERIFIABLE'],
      [c.sequenceOf('ev-label'), 'ev-label', 'INTACT'],
    ]);
    expect(result!.valid).toBe(true);
    expect(result!.firstBroken).toBeNull();
    expect(result!.citations[3].problem).toBe(
      `Evidence ev-legacy (event ${c.sequenceOf('ev-legacy')}) was cited before citations were checked against the upload catalog, and no stored file has the hash it claims.`,
    );
    await removeDispute(dataSource, c.disputeId);
  });

  it('catches an altered blob and a missing one, by evidence id and sequence, the altered one first', async () => {
    const c = await caseCiting();
    await writeFile(blobPath(c.receipt.sha256), evidenceBytes('a forged receipt', 'application/pdf'));
    await unlink(blobPath(c.label.sha256));
    const result = await verifyDisputeEvidence(dataSource, store, c.disputeId);
    expect(result!.valid).toBe(false);
    const receipt = result!.citations.find((check) => check.evidenceId === 'ev-receipt')!;
    expect(receipt).toMatchObject({ sequence: c.sequenceOf('ev-receipt'), status: 'ALTERED' });
    expect(receipt.problem).toMatch(new RegExp(`^Evidence ev-receipt \\(event ${c.sequenceOf('ev-receipt')}\\) was altered: the stored file hashes to [0-9a-f]{64}, not the recorded ${c.receipt.sha256}\\.$`));
    expect(result!.citations.find((check) => check.evidenceId === 'ev-label')).toMatchObject({ sequence: c.sequenceOf('ev-label'), status: 'MISSING' });
    expect(result!.citations.find((check) => check.evidenceId === 'ev-photo')).toMatchObject({ status: 'INTACT' });
    expect(result!.firstBroken).toEqual(receipt);
    await removeDispute(dataSource, c.disputeId);
  });

  it('catches bytes appended to a blob (same address, another size)', async () => {
    const c = await caseCiting();
    await writeFile(blobPath(c.photo.sha256), Buffer.concat([evidenceBytes('photo'), Buffer.from('more')]));
    const photo = (await verifyDisputeEvidence(dataSource, store, c.disputeId))!.citations.find((check) => check.evidenceId === 'ev-photo');
    expect(photo).toMatchObject({ status: 'ALTERED' });
    await removeDispute(dataSource, c.disputeId);
  });

  it('npm run audit:verify re-hashes the cited files by default: exit 1 with a line per broken citation; --chain-only checks the chain alone', async () => {
    const c = await caseCiting();
    await writeFile(blobPath(c.receipt.sha256), evidenceBytes('a forged receipt', 'application/pdf'));
    const env = { EVIDENCE_STORAGE: 'local', EVIDENCE_DIR: root };
    const run = await runScript(compiled('scripts/audit/verify.js'), ['--dispute', c.disputeId], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`OK     ${c.disputeId}: `);
    expect(run.stdout).toContain(`ALTERED ${c.disputeId} evidence ev-receipt at event ${c.sequenceOf('ev-receipt')}: Evidence ev-receipt (event ${c.sequenceOf('ev-receipt')}) was altered`);
    expect(run.stdout).toContain(`UNVERIFIABLE ${c.disputeId} evidence ev-legacy at event ${c.sequenceOf('ev-legacy')}:`);
    expect(run.stdout).toContain(`BROKEN ${c.disputeId}: 3 of 5 cited files intact`);
    expect(run.stdout).toContain('1 dispute checked, 1 broken.');
    const json = await runScript(compiled('scripts/audit/verify.js'), ['--dispute', c.disputeId, '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, files: { valid: false, firstBroken: { evidenceId: 'ev-receipt', status: 'ALTERED' } } });
    const chainOnly = await runScript(compiled('scripts/audit/verify.js'), ['--dispute', c.disputeId, '--chain-only'], env);
    expect(chainOnly.code).toBe(0);
    await removeDispute(dataSource, c.disputeId);
  });
});
