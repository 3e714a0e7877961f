import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { loadApiSettings, type ApiSettings } from '../../apps/api/src/api-settings';
import { BlobTooLarge, S3ContentStore } from '../../libs/persistence/src/evidence-store';
import { startApi, tokenFor, type RunningApi } from '../support/api';
import { openTestDataSource } from '../support/database';
import { sha256Hex, uploadFile } from '../support/evidence';
import { uniqueTaskQueue } from '../support/environment';
import { connectClient, startWorker, type RunningWorker } from '../support/temporal';
import { mutate, ok, openInput, registerOrder } from './support/disputes';
import { S3RVER_CREDENTIALS, startS3Server } from './support/s3-server';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a photo of a cracked screen')]);
const PDF = Buffer.from('%PDF-1.7\nthe carrier\u2019s delivery report');
const MAX_BYTES = 64 * 1024;
const sha256 = sha256Hex;
/** Declared as a PNG photo, whatever the bytes: the API must go by the bytes. */
const upload = (url: string, token: string | undefined, bytes: Buffer, filename = 'photo.png', declaredType = 'image/png') => uploadFile(url, token, bytes, filename, declaredType);

/** A storage backend under test: the settings that select it, and what it holds (paths relative to its root). */
interface Backend {
  settings: Partial<ApiSettings>;
  stored(): Promise<string[]>;
  stop(): Promise<void>;
}

const BACKENDS: { name: string; start: () => Promise<Backend> }[] = [
  {
    name: 'a local folder',
    start: async () => {
      const root = await mkdtemp(join(tmpdir(), 'evidence-'));
      const walk = async (dir: string): Promise<string[]> =>
        (await Promise.all((await readdir(dir, { withFileTypes: true })).map((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [relative(root, join(dir, entry.name))])))).flat();
      return { settings: { evidenceDir: root, evidenceMaxBytes: MAX_BYTES }, stored: async () => (await walk(root)).sort(), stop: () => rm(root, { recursive: true, force: true }) };
    },
  },
  {
    name: 'an S3-compatible bucket (s3rver)',
    start: async () => {
      const s3 = await startS3Server();
      // Selected the way a deployment selects it: through the environment.
      const settings = loadApiSettings({
        EVIDENCE_STORAGE: 's3',
        EVIDENCE_S3_BUCKET: s3.bucket,
        EVIDENCE_S3_ENDPOINT: s3.endpoint,
        EVIDENCE_S3_REGION: 'us-east-1',
        EVIDENCE_S3_FORCE_PATH_STYLE: 'true',
        EVIDENCE_MAX_BYTES: String(MAX_BYTES),
        ...S3RVER_CREDENTIALS,
      });
      return { settings, stored: () => s3.keys(), stop: () => s3.stop() };
    },
  },
];

describe('evidence upload and download (real API, worker, Temporal and PostgreSQL)', () => {
  const taskQueue = uniqueTaskQueue('e2e-evidence');
  let dataSource: DataSource;
  let temporal: Client;
  let worker: RunningWorker;
  let system: string;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    temporal = await connectClient();
    worker = await startWorker(dataSource, taskQueue);
    system = await tokenFor('SYSTEM', 'order-feed');
  });
  afterAll(async () => {
    await worker?.stop();
    await temporal?.connection.close();
    await dataSource?.destroy();
  });

  describe.each(BACKENDS)('stored in $name', ({ start }) => {
    let backend: Backend;
    let api: RunningApi;

    beforeAll(async () => {
      backend = await start();
      api = await startApi(dataSource, temporal, taskQueue, { settings: backend.settings });
    });
    afterAll(async () => {
      await api?.stop();
      await backend?.stop();
    });

    it('stores an upload by its SHA-256, and the id opens a dispute the other party can then download from', async () => {
      const order = await registerOrder(api.url, system);
      const buyer = await tokenFor('BUYER', order.buyerId);
      const uploaded = await upload(api.url, buyer, PNG);
      expect(uploaded.status).toBe(201);
      expect(uploaded.body).toMatchObject({ sha256: sha256(PNG), contentType: 'image/png', sizeBytes: PNG.length });
      expect(await backend.stored()).toContain(`${sha256(PNG).slice(0, 2)}/${sha256(PNG)}`);

      const evidence = [{ evidenceId: uploaded.body.evidenceId, sha256: uploaded.body.sha256, kind: 'PHOTO' }];
      const dispute = await ok(mutate(api.url, buyer, 'openDispute', openInput(order, { evidence })));
      expect(dispute.evidence[0]).toMatchObject({ evidenceId: uploaded.body.evidenceId, addedBy: 'BUYER' });

      for (const reader of [buyer, await tokenFor('SELLER', order.sellerId), await tokenFor('AUDITOR', 'auditor-ada')]) {
        const download = await fetch(`${api.url}/evidence/${uploaded.body.evidenceId}`, { headers: { authorization: `Bearer ${reader}` } });
        expect(download.status).toBe(200);
        expect(download.headers.get('content-type')).toBe('image/png');
        expect(download.headers.get('x-evidence-sha256')).toBe(sha256(PNG));
        expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
      }
      for (const stranger of [await tokenFor('BUYER', 'someone-else'), await tokenFor('MEDIATOR', 'mediator-maria')]) {
        const hidden = await fetch(`${api.url}/evidence/${uploaded.body.evidenceId}`, { headers: { authorization: `Bearer ${stranger}` } });
        expect(hidden.status).toBe(404);
      }
      const unknown = await fetch(`${api.url}/evidence/ev-00000000-0000-4000-8000-000000000000`, { headers: { authorization: `Bearer ${buyer}` } });
      expect(unknown.status).toBe(404);
    });

    it('keeps one copy of the same bytes uploaded twice, under two ids', async () => {
      const bytes = Buffer.concat([PNG, Buffer.from(`twice ${Math.random()}`)]);
      const seller = await tokenFor('SELLER', 'seller-twice');
      const [first, second] = [await upload(api.url, seller, bytes), await upload(api.url, seller, bytes)];
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(first.body.evidenceId).not.toBe(second.body.evidenceId);
      expect((await backend.stored()).filter((key) => key.endsWith(sha256(bytes)))).toHaveLength(1);
      for (const id of [first.body.evidenceId, second.body.evidenceId]) {
        const download = await fetch(`${api.url}/evidence/${id}`, { headers: { authorization: `Bearer ${seller}` } });
        expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
      }
    });

    it('recognises the type by content, not by the name or declared type, and keeps nothing it refuses', async () => {
      const seller = await tokenFor('SELLER', 'seller-x');
      const pdf = await upload(api.url, seller, PDF, 'photo.png', 'image/png');
      expect(pdf.body.contentType).toBe('application/pdf');
      const shell = Buffer.from('#!/bin/sh\nrm -rf /');
      const script = await upload(api.url, seller, shell, 'photo.png', 'image/png');
      expect(script.status).toBe(415);
      expect(script.body.error!.code).toBe('VALIDATION');
      const stored = await backend.stored();
      expect(stored.filter((key) => key.includes(sha256(shell)) || key.startsWith('tmp/'))).toEqual([]);
    });

    it('refuses files over the size limit, keeping nothing', async () => {
      const big = Buffer.concat([PNG, Buffer.alloc(MAX_BYTES + 6 * 1024, 1)]);
      const response = await upload(api.url, await tokenFor('BUYER', 'buyer-x'), big);
      expect(response.status).toBe(413);
      const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM evidence_files WHERE sha256 = $1`, [sha256(big)]);
      expect(count).toBe(0);
      expect((await backend.stored()).filter((key) => key.includes(sha256(big)) || key.startsWith('tmp/'))).toEqual([]);
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

  describe('the S3 store beyond the shared cases', () => {
    it('fails the upload (INTERNAL, nothing catalogued) instead of hanging, when the access key is unknown to it', async () => {
      const s3 = await startS3Server();
      const api = await startApi(dataSource, temporal, taskQueue, {
        settings: { evidenceS3: { bucket: s3.bucket, region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, prefix: '', credentials: { accessKeyId: 'NOT-A-KNOWN-KEY', secretAccessKey: 'S3RVER' } } },
      });
      try {
        const bytes = Buffer.concat([PNG, Buffer.from(`refused by the bucket ${Math.random()}`)]);
        const response = await upload(api.url, await tokenFor('BUYER', 'buyer-refused'), bytes);
        expect(response.status).toBe(500);
        expect(response.body.error!.code).toBe('INTERNAL');
        const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM evidence_files WHERE sha256 = $1`, [sha256(bytes)]);
        expect(count).toBe(0);
        expect(await s3.keys()).toEqual([]);
      } finally {
        await api.stop();
        await s3.stop();
      }
    });

    it('stores under the configured key prefix and answers null for a blob it does not hold', async () => {
      const s3 = await startS3Server();
      const store = new S3ContentStore({ bucket: s3.bucket, region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, prefix: 'tenant-a/', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
      try {
        const blob = await store.write(Readable.from([PDF]), MAX_BYTES);
        expect(blob).toEqual({ sha256: sha256(PDF), sizeBytes: PDF.length, head: PDF.subarray(0, 16) });
        expect(await s3.keys()).toEqual([`tenant-a/${sha256(PDF).slice(0, 2)}/${sha256(PDF)}`]);
        expect(await store.open(sha256(PNG))).toBeNull();
        await expect(store.write(Readable.from([PNG, Buffer.alloc(MAX_BYTES)]), MAX_BYTES)).rejects.toBeInstanceOf(BlobTooLarge);
        await store.discard(sha256(PDF));
        expect(await s3.keys()).toEqual([]);
        expect(await store.open(sha256(PDF))).toBeNull();
      } finally {
        store.close();
        await s3.stop();
      }
    });

    it('streams a file larger than one upload part (multipart) and reads it back intact', async () => {
      const s3 = await startS3Server();
      const store = new S3ContentStore({ bucket: s3.bucket, region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, prefix: '', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
      try {
        const big = Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024, 7)]);
        const chunks = Array.from({ length: Math.ceil(big.length / 65_536) }, (_, index) => big.subarray(index * 65_536, (index + 1) * 65_536));
        const blob = await store.write(Readable.from(chunks), 8 * 1024 * 1024);
        expect(blob).toMatchObject({ sha256: sha256(big), sizeBytes: big.length });
        expect(await s3.keys()).toEqual([`${sha256(big).slice(0, 2)}/${sha256(big)}`]);
        const read: Buffer[] = [];
        for await (const chunk of (await store.open(sha256(big)))!) read.push(chunk as Buffer);
        expect(sha256(Buffer.concat(read))).toBe(sha256(big));
      } finally {
        store.close();
        await s3.stop();
      }
    });
  });
});
