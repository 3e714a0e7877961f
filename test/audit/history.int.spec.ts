import { initialState } from '../../libs/domain/src';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  AuditInputError,
  disputeAsOf,
  disputeTimeline,
  exportHistories,
  manifestText,
  sha256,
  verifyChain,
  verifyDisputeHistory,
  verifyExport,
  verifyExportContents,
} from '../../libs/audit/src';
import { fold } from '../../libs/domain/src';
import { EventStore, readStream } from '../../libs/persistence/src';
import { compiled } from '../support/compiled';
import { eventsOf, openTestDataSource } from '../support/database';
import { histories } from '../unit/support/histories';
import { asSuperuser, removeDispute, runScript, storeHistory } from './support/recorded';

const lifecycle = histories.appealClaimed().events;

describe('the audit trail on a real PostgreSQL', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(() => dataSource.destroy());

  describe('verifying a stored history', () => {
    it('re-hashes every stored row to its recorded hash, and agrees with the projection', async () => {
      const disputeId = await storeHistory(dataSource, lifecycle);
      const result = await verifyDisputeHistory(dataSource, disputeId);
      const rows = await eventsOf(dataSource, disputeId);
      expect(result).toEqual({
        disputeId,
        valid: true,
        length: lifecycle.length,
        headHash: rows[rows.length - 1].hash,
        firstBrokenSequence: null,
        problem: null,
        projection: { version: lifecycle.length, headHash: rows[rows.length - 1].hash },
      });
    });

    it('reproduces occurredAt exactly as hashed, milliseconds included, whatever the session time zone', async () => {
      const disputeId = randomUUID();
      const times = ['2026-11-25T10:00:00.123Z', '2026-11-25T10:00:00.999Z', '2026-11-25T10:00:01.001Z', '2026-03-29T01:30:00.000Z'];
      const projection = { orderId: 'o', buyerId: 'b', sellerId: 's', status: 'OPEN', reason: 'NOT_RECEIVED', version: 0, state: { ...initialState, status: 'OPEN' as const }, nextDeadlineAt: null, openedAt: times[0], updatedAt: times[0] };
      const store = new EventStore(dataSource);
      for (const [index, occurredAt] of times.entries()) {
        const event = { sequence: index + 1, type: 'MessagePosted', payload: { body: `at ${occurredAt}`, n: index / 3 }, actor: { role: 'BUYER', id: 'b' }, occurredAt, commandId: null, schemaVersion: 1 };
        await store.append(disputeId, [event], { ...projection, version: index + 1 });
      }
      expect(await verifyDisputeHistory(dataSource, disputeId)).toMatchObject({ valid: true, length: 4 });
      const elsewhere = await dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL TIME ZONE 'Asia/Kathmandu'`);
        return readStream(manager, disputeId);
      });
      expect(elsewhere.map((event) => event.occurredAt)).toEqual(times);
      expect(verifyChain(elsewhere).valid).toBe(true);
    });

    it('answers null for a dispute that has no history, and for an id that cannot be one', async () => {
      expect(await verifyDisputeHistory(dataSource, randomUUID())).toBeNull();
      expect(await verifyDisputeHistory(dataSource, 'not-a-uuid')).toBeNull();
    });
  });

  describe('tampering by a superuser, directly in SQL', () => {
    let disputeId: string;
    beforeEach(async () => {
      disputeId = await storeHistory(dataSource, lifecycle);
    });
    afterEach(() => removeDispute(dataSource, disputeId));

    it('a changed row is found at exactly its sequence', async () => {
      await asSuperuser(dataSource, disputeId, [`UPDATE dispute_events SET payload = jsonb_set(payload, '{note}', '"I never escalated"') WHERE dispute_id = $1 AND sequence = 6`]);
      const result = await verifyDisputeHistory(dataSource, disputeId);
      expect(result).toMatchObject({ valid: false, firstBrokenSequence: 6 });
      expect(result!.problem).toMatch(/^Event 6 was altered/);
      // The triggers are back: the history refuses changes again.
      await expect(dataSource.query(`UPDATE dispute_events SET type = 'x' WHERE dispute_id = $1`, [disputeId])).rejects.toThrow(/append-only/);
    });

    it('a time moved by one microsecond is found at its sequence (it is not rounded away)', async () => {
      await asSuperuser(dataSource, disputeId, [`UPDATE dispute_events SET occurred_at = occurred_at + interval '1 microsecond' WHERE dispute_id = $1 AND sequence = 3`]);
      expect(await verifyDisputeHistory(dataSource, disputeId)).toMatchObject({ valid: false, firstBrokenSequence: 3 });
    });

    it('a deleted row is found at its sequence', async () => {
      await asSuperuser(dataSource, disputeId, ['DELETE FROM dispute_events WHERE dispute_id = $1 AND sequence = 4']);
      const result = await verifyDisputeHistory(dataSource, disputeId);
      expect(result).toMatchObject({ valid: false, length: lifecycle.length - 1, firstBrokenSequence: 4 });
      expect(result!.problem).toMatch(/^Event 4 is missing/);
    });

    it('deleted rows at the end are found through the head the projection recorded', async () => {
      const last = lifecycle.length;
      await asSuperuser(dataSource, disputeId, [`DELETE FROM dispute_events WHERE dispute_id = $1 AND sequence >= ${last - 1}`]);
      const result = await verifyDisputeHistory(dataSource, disputeId);
      expect(result).toMatchObject({ valid: false, length: last - 2, firstBrokenSequence: last - 1 });
      expect(result!.problem).toMatch(new RegExp(`^Events ${last - 1} to ${last} are missing`));
    });

    it('a reordered pair is found at the first of the two', async () => {
      await asSuperuser(dataSource, disputeId, [
        'UPDATE dispute_events SET sequence = 1000 WHERE dispute_id = $1 AND sequence = 5',
        'UPDATE dispute_events SET sequence = 5 WHERE dispute_id = $1 AND sequence = 6',
        'UPDATE dispute_events SET sequence = 6 WHERE dispute_id = $1 AND sequence = 1000',
      ]);
      const result = await verifyDisputeHistory(dataSource, disputeId);
      expect(result).toMatchObject({ valid: false, firstBrokenSequence: 5 });
      expect(result!.problem).toMatch(/^Event 5 was stored after event 6/);
    });

    it('a previous hash that does not link is found at its sequence', async () => {
      await asSuperuser(dataSource, disputeId, [`UPDATE dispute_events SET previous_hash = repeat('a', 64) WHERE dispute_id = $1 AND sequence = 7`]);
      const result = await verifyDisputeHistory(dataSource, disputeId);
      expect(result).toMatchObject({ valid: false, firstBrokenSequence: 7 });
      expect(result!.problem).toMatch(/^Event 7 does not chain from event 6/);
    });

    // The chain alone (--chain-only): these histories cite files no store holds; evidence-files.int.spec.ts checks those.
    it('the command-line verifier exits 1 naming the broken sequence, and 0 for a sound dispute', async () => {
      const sound = await storeHistory(dataSource, lifecycle);
      await asSuperuser(dataSource, disputeId, [`UPDATE dispute_events SET actor_id = 'someone-else' WHERE dispute_id = $1 AND sequence = 2`]);
      const broken = await runScript(compiled('scripts/audit/verify.js'), ['--dispute', disputeId, '--chain-only']);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`BROKEN ${disputeId} at event 2: Event 2 was altered`);
      const ok = await runScript(compiled('scripts/audit/verify.js'), ['--dispute', sound, '--json', '--chain-only']);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ disputeId: sound, valid: true, length: lifecycle.length });
      const both = await runScript(compiled('scripts/audit/verify.js'), ['--dispute', sound, '--dispute', disputeId, '--chain-only']);
      expect(both.code).toBe(1);
      expect(both.stdout).toContain('2 disputes checked, 1 broken.');
      expect((await runScript(compiled('scripts/audit/verify.js'), ['--bogus'])).code).toBe(2);
    });
  });

  describe('point-in-time replay', () => {
    let disputeId: string;
    beforeAll(async () => {
      disputeId = await storeHistory(dataSource, lifecycle);
    });

    it('at every sequence equals the fold of the events up to it', async () => {
      for (let sequence = 0; sequence <= lifecycle.length; sequence += 1) {
        const asOf = await disputeAsOf(dataSource, disputeId, { sequence });
        expect(asOf!.state).toEqual(fold(lifecycle.slice(0, sequence)));
        expect(asOf!.chain.valid).toBe(true);
      }
    });

    it('at a time includes the events that had occurred by then', async () => {
      const rows = await readStream(dataSource, disputeId);
      const fourth = rows[3];
      const asOf = await disputeAsOf(dataSource, disputeId, { at: fourth.occurredAt });
      expect(asOf).toMatchObject({ sequence: 4, at: fourth.occurredAt, headHash: fourth.hash });
      expect(asOf!.state).toEqual(fold(lifecycle.slice(0, 4)));
    });

    it('refuses a sequence beyond the history and a time that is not one; knows nothing of unknown disputes', async () => {
      await expect(disputeAsOf(dataSource, disputeId, { sequence: lifecycle.length + 1 })).rejects.toBeInstanceOf(AuditInputError);
      await expect(disputeAsOf(dataSource, disputeId, { sequence: -1 })).rejects.toMatchObject({ field: 'sequence' });
      await expect(disputeAsOf(dataSource, disputeId, { at: 'yesterday' })).rejects.toMatchObject({ field: 'at' });
      expect(await disputeAsOf(dataSource, randomUUID(), { sequence: 1 })).toBeNull();
      expect(await disputeTimeline(dataSource, randomUUID())).toBeNull();
    });

    it('lists the timeline with actors, both times and the resulting status', async () => {
      const timeline = await disputeTimeline(dataSource, disputeId);
      const rows = await dataSource.query('SELECT recorded_at FROM dispute_events WHERE dispute_id = $1 ORDER BY sequence', [disputeId]);
      expect(timeline!.chain.valid).toBe(true);
      expect(timeline!.entries.map((entry) => entry.status)).toEqual(lifecycle.map((_, index) => fold(lifecycle.slice(0, index + 1)).status));
      expect(timeline!.entries[0]).toMatchObject({ sequence: 1, type: 'DisputeOpened', actor: { role: 'BUYER', id: 'buyer-1' }, occurredAt: lifecycle[0].data.at, commandId: 'command-1' });
      timeline!.entries.forEach((entry, index) => expect(Date.parse(entry.recordedAt)).toBe((rows[index].recorded_at as Date).getTime()));
    });
  });

  describe('export and offline verification', () => {
    let disputeId: string;
    let directory: string;
    beforeAll(async () => {
      disputeId = await storeHistory(dataSource, lifecycle);
      directory = await mkdtemp(join(tmpdir(), 'audit-export-'));
    });

    it('exports one dispute that verifies offline, and fails on every single altered byte of the events file', async () => {
      const result = await exportHistories(dataSource, { disputeId }, directory);
      const head = (await eventsOf(dataSource, disputeId)).at(-1)!.hash;
      expect(result.manifest).toMatchObject({ events: { count: lifecycle.length }, disputes: [{ disputeId, events: lifecycle.length, headSequence: lifecycle.length, headHash: head, validAtExport: true }] });
      const manifestBytes = await readFile(join(directory, 'manifest.json'));
      const eventBytes = await readFile(join(directory, 'events.ndjson'));
      expect(result.manifest.events.sha256).toBe(sha256(eventBytes.toString('utf8')));
      expect(result.manifestSha256).toBe(sha256(manifestBytes.toString('utf8')));
      expect(await verifyExport(directory, { manifestSha256: result.manifestSha256, expectedHeads: { [disputeId]: head } })).toMatchObject({ valid: true, events: lifecycle.length, problems: [] });

      for (let offset = 0; offset < eventBytes.length; offset += 1) {
        const altered = Buffer.from(eventBytes);
        altered[offset] ^= offset % 2 === 0 ? 0x01 : 0x20;
        const verdict = verifyExportContents(manifestBytes, altered);
        if (verdict.valid) throw new Error(`altering byte ${offset} of events.ndjson went unnoticed`);
      }
      for (let offset = 0; offset < manifestBytes.length; offset += 1) {
        const altered = Buffer.from(manifestBytes);
        altered[offset] ^= 0x01;
        const verdict = verifyExportContents(altered, eventBytes, { manifestSha256: result.manifestSha256 });
        if (verdict.valid) throw new Error(`altering byte ${offset} of manifest.json went unnoticed`);
      }
    });

    it('catches a forger who edits an event and recomputes the file hash: the chain breaks at that event', async () => {
      const eventBytes = await readFile(join(directory, 'events.ndjson'), 'utf8');
      const lines = eventBytes.split('\n');
      lines[2] = lines[2].replace('"BUYER"', '"SELLER"');
      const forged = lines.join('\n');
      const manifest = JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8'));
      manifest.events.sha256 = sha256(forged);
      manifest.events.bytes = Buffer.byteLength(forged);
      const verdict = verifyExportContents(Buffer.from(manifestText(manifest)), Buffer.from(forged));
      expect(verdict.valid).toBe(false);
      expect(verdict.disputes[0]).toMatchObject({ disputeId, valid: false, firstBrokenSequence: 3 });
      expect(verdict.problems).toEqual([expect.stringMatching(new RegExp(`^Dispute ${disputeId}: Event 3 was altered`))]);
    });

    it('exports every dispute with events recorded in a time range, each from its first event', async () => {
      const from = new Date(Date.now() - 1000).toISOString();
      const first = await storeHistory(dataSource, lifecycle.slice(0, 5));
      const second = await storeHistory(dataSource, lifecycle);
      const to = new Date(Date.now() + 1000).toISOString();
      const rangeDirectory = await mkdtemp(join(tmpdir(), 'audit-range-'));
      const result = await exportHistories(dataSource, { from, to }, rangeDirectory);
      const exported = new Map(result.manifest.disputes.map((d) => [d.disputeId, d]));
      expect(exported.get(first)).toMatchObject({ events: 5, headSequence: 5 });
      expect(exported.get(second)).toMatchObject({ events: lifecycle.length });
      expect(exported.has(disputeId)).toBe(false); // recorded before the range
      expect(await verifyExport(rangeDirectory)).toMatchObject({ valid: true, events: result.manifest.events.count });
      await expect(exportHistories(dataSource, { from: to, to: from }, rangeDirectory)).rejects.toBeInstanceOf(AuditInputError);
    });

    it('runs as commands: export, verify offline (exit 0), alter one byte (exit 1)', async () => {
      const out = await mkdtemp(join(tmpdir(), 'audit-cli-'));
      const exported = await runScript(compiled('scripts/audit/export.js'), ['--dispute', disputeId, '--out', out]);
      expect(exported.code).toBe(0);
      const manifestSha = /manifest\.json sha256 ([0-9a-f]{64})/.exec(exported.stdout)![1];

      const verified = await runScript(compiled('scripts/audit/verify-export.js'), [out, '--manifest-sha256', manifestSha], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
      expect(verified).toMatchObject({ code: 0, stdout: expect.stringContaining(`OK: ${lifecycle.length} events of 1 disputes verify.`) });

      const file = join(out, 'events.ndjson');
      const bytes = await readFile(file);
      bytes[Math.floor(bytes.length / 2)] ^= 0x04;
      await writeFile(file, bytes);
      const failed = await runScript(compiled('scripts/audit/verify-export.js'), [out]);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toContain('FAIL: events.ndjson does not have the SHA-256 the manifest records (it was altered).');

      expect((await runScript(compiled('scripts/audit/export.js'), ['--out', out])).code).toBe(2);
      expect((await runScript(compiled('scripts/audit/export.js'), ['--dispute', randomUUID(), '--out', out])).code).toBe(1);
      expect((await runScript(compiled('scripts/audit/verify-export.js'), [])).code).toBe(2);
    });
  });
});
