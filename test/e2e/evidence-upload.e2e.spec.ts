import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { startApi, tokenFor, type RunningApi } from '../support/api';
import { openTestDataSource } from '../support/database';
import { uniqueTaskQueue } from '../support/environment';
import { connectClient, startWorker, type RunningWorker } from '../support/temporal';
import { mutate, ok, openInput, registerOrder } from './support/disputes';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a photo of a cracked screen')]);
const PDF = Buffer.from('%PDF-1.7\nthe carrier\u2019s delivery report');

async function upload(url: string, token: string | undefined, bytes: Buffer, filename = 'photo.png', declaredType = 'image/png') {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: declaredType }), filename);
  const response = await fetch(`${url}/evidence`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: (await response.json()) as { evidenceId?: string; sha256?: string; contentType?: string; sizeBytes?: number; error?: { code: string; message: string } } };
}

describe('evidence upload and download (real API, worker, Temporal and PostgreSQL)', () => {
  const taskQueue = uniqueTaskQueue('e2e-evidence');
  let dataSource: DataSource;
  let temporal: Client;
  let worker: RunningWorker;
  let api: RunningApi;
  let storage: string;
  let system: string;

  beforeAll(async () => {
    storage = await mkdtemp(join(tmpdir(), 'evidence-'));
    dataSource = await openTestDataSource();
    temporal = await connectClient();
    worker = await startWorker(dataSource, taskQueue);
    api = await startApi(dataSource, temporal, taskQueue, { settings: { evidenceDir: storage, evidenceMaxBytes: 64 * 1024 } });
    system = await tokenFor('SYSTEM', 'order-feed');
  });
  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await temporal?.connection.close();
    await dataSource?.destroy();
    await rm(storage, { recursive: true, force: true });
  });

  it('stores an upload by its SHA-256, and the id opens a dispute the other party can then download from', async () => {
    const order = await registerOrder(api.url, system);
    const buyer = await tokenFor('BUYER', order.buyerId);
    const uploaded = await upload(api.url, buyer, PNG);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ sha256: createHash('sha256').update(PNG).digest('hex'), contentType: 'image/png', sizeBytes: PNG.length });

    const evidence = [{ evidenceId: uploaded.body.evidenceId, sha256: uploaded.body.sha256, kind: 'PHOTO' }];
    const dispute = await ok(mutate(api.url, buyer, 'openDispute', openInput(order, { evidence })));
    expect(dispute.evidence[0]).toMatchObject({ evidenceId: uploaded.body.evidenceId, addedBy: 'BUYER' });

    for (const reader of [buyer, await tokenFor('SELLER', order.sellerId), await tokenFor('AUDITOR', 'auditor-ada')]) {
      const download = await fetch(`${api.url}/evidence/${uploaded.body.evidenceId}`, { headers: { authorization: `Bearer ${reader}` } });
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    }
    for (const stranger of [await tokenFor('BUYER', 'someone-else'), await tokenFor('MEDIATOR', 'mediator-maria')]) {
      const hidden = await fetch(`${api.url}/evidence/${uploaded.body.evidenceId}`, { headers: { authorization: `Bearer ${stranger}` } });
      expect(hidden.status).toBe(404);
    }
  });

  it('recognises the type by content, not by the name or declared type', async () => {
    const seller = await tokenFor('SELLER', 'seller-x');
    const pdf = await upload(api.url, seller, PDF, 'photo.png', 'image/png');
    expect(pdf.body.contentType).toBe('application/pdf');
    const script = await upload(api.url, seller, Buffer.from('#!/bin/sh\nrm -rf /'), 'photo.png', 'image/png');
    expect(script.status).toBe(415);
    expect(script.body.error!.code).toBe('VALIDATION');
  });

  it('refuses files over the size limit, keeping nothing', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(70 * 1024, 1)]);
    const response = await upload(api.url, await tokenFor('BUYER', 'buyer-x'), big);
    expect(response.status).toBe(413);
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM evidence_files WHERE sha256 = $1`, [createHash('sha256').update(big).digest('hex')]);
    expect(count).toBe(0);
  });

  it.each([
    ['no token', undefined, 401, 'UNAUTHENTICATED'],
    ['an auditor', 'AUDITOR', 403, 'FORBIDDEN'],
    ['a mediator', 'MEDIATOR', 403, 'FORBIDDEN'],
  ] as const)('refuses uploads from %s', async (_name, role, status, code) => {
    const response = await upload(api.url, role ? await tokenFor(role, 'x') : undefined, PNG);
    expect(response.status).toBe(status);
    expect(response.body.error!.code).toBe(code);
  });
});
