import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EVENTS_FILE, exportHistories, verifyExport } from '../../libs/audit/src';
import { tokenFor, withDisputeApi } from '../support/api';
import { disputeIn } from './support/states';

const run = promisify(execFile);

interface Refusal {
  error: { code: string; message: string };
}

describe('GET /audit/disputes/:id/export (real API, worker, Temporal and PostgreSQL)', () => {
  const suite = withDisputeApi('e2e-audit-export');
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'export-e2e-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const exportOf = (disputeId: string, token?: string) =>
    fetch(`${suite.api.url}/audit/disputes/${encodeURIComponent(disputeId)}/export`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('refuses anyone but an auditor with a typed error, and names an unknown dispute', async () => {
    const dispute = await disputeIn(suite.api.url, await tokenFor('SYSTEM', 'order-feed'), 'open');
    const cases: [string | undefined, number, string][] = [
      [undefined, 401, 'UNAUTHENTICATED'],
      ['not-a-token', 401, 'UNAUTHENTICATED'],
      [dispute.tokens.buyer, 403, 'FORBIDDEN'],
      [dispute.tokens.seller, 403, 'FORBIDDEN'],
      [dispute.tokens.maria, 403, 'FORBIDDEN'],
      [await tokenFor('ADMIN', 'admin-ava'), 403, 'FORBIDDEN'],
    ];
    for (const [token, status, code] of cases) {
      const response = await exportOf(dispute.id, token);
      expect({ status: response.status, code: ((await response.json()) as Refusal).error.code }).toEqual({ status, code });
    }
    const forbidden = (await (await exportOf(dispute.id, dispute.tokens.buyer)).json()) as Refusal;
    expect(forbidden.error.message).toBe('Exports are for AUDITOR accounts; you are signed in as BUYER.');

    const auditor = await tokenFor('AUDITOR', 'auditor-ada');
    for (const unknown of ['00000000-0000-4000-8000-000000000000', 'not-a-dispute-id']) {
      const response = await exportOf(unknown, auditor);
      expect(response.status).toBe(404);
      expect((await response.json()) as Refusal).toEqual({ error: { code: 'NOT_FOUND', message: `No dispute ${unknown} exists.` } });
    }
  });

  it('sends the export the audit script writes, as a tar that unpacks into a directory the offline verifier accepts', async () => {
    const dispute = await disputeIn(suite.api.url, await tokenFor('SYSTEM', 'order-feed'), 'claimed');
    const response = await exportOf(dispute.id, await tokenFor('AUDITOR', 'auditor-ada'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-tar');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="dispute-${dispute.id}-export.tar"`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe(Number(response.headers.get('content-length')));

    const archive = join(work, `${dispute.id}.tar`);
    await writeFile(archive, bytes);
    await run('tar', ['-xf', archive, '-C', work]);
    const directory = join(work, `dispute-${dispute.id}-export`);
    const events = (await readFile(join(directory, EVENTS_FILE), 'utf8')).split('\n');
    const first = JSON.parse(events[0]!) as { disputeId: string; sequence: number; type: string };
    expect({ disputeId: first.disputeId, sequence: first.sequence, type: first.type }).toEqual({ disputeId: dispute.id, sequence: 1, type: 'DisputeOpened' });

    const head = response.headers.get('x-export-head-hash')!;
    const verification = await verifyExport(directory, { manifestSha256: response.headers.get('x-export-manifest-sha256')!, expectedHeads: { [dispute.id]: head } });
    expect(verification.problems).toEqual([]);
    expect(verification.valid).toBe(true);
    // open, respond, escalate, claim: the whole history, and the head the dispute reports.
    expect(verification.events).toBe(events.length - 1);
    expect(verification.events).toBeGreaterThanOrEqual(4);
    const read = await fetch(`${suite.api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('AUDITOR', 'auditor-ada')}` },
      body: JSON.stringify({ query: 'query H($id: ID!) { dispute(id: $id) { headHash } }', variables: { id: dispute.id } }),
    });
    expect(((await read.json()) as { data: { dispute: { headHash: string } } }).data.dispute.headHash).toBe(head);

    // Byte for byte the events file `npm run audit:export -- --dispute <id>` writes.
    const scripted = join(work, 'scripted');
    await exportHistories(suite.dataSource, { disputeId: dispute.id }, scripted);
    expect(await readFile(join(directory, EVENTS_FILE))).toEqual(await readFile(join(scripted, EVENTS_FILE)));

    // And the verifier is not a rubber stamp: one changed byte of the download fails it.
    const altered = events.join('\n').replace('"sequence":2', '"sequence":9');
    await writeFile(join(directory, EVENTS_FILE), altered);
    expect((await verifyExport(directory)).valid).toBe(false);
  });
});
