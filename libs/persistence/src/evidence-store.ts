import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

/** A file as stored: its SHA-256 (its address), size, and first bytes (for type detection). */
export interface StoredBlob {
  sha256: string;
  sizeBytes: number;
  head: Buffer;
}

export class BlobTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes.`);
    this.name = 'BlobTooLarge';
  }
}

/** Content-addressed storage of evidence bytes; local folder by default, S3-compatible stores implement the same. */
export interface ContentStore {
  /** Streams `source` in, hashing as it goes; refuses (and keeps nothing) beyond `maxBytes`. */
  write(source: Readable, maxBytes: number): Promise<StoredBlob>;
  /** Forgets a blob that was written but then refused (e.g. its type is not allowed). */
  discard(sha256: string): Promise<void>;
  open(sha256: string): Promise<Readable | null>;
}

const HEAD_BYTES = 16;

export class LocalContentStore implements ContentStore {
  constructor(private readonly root: string) {}

  async write(source: Readable, maxBytes: number): Promise<StoredBlob> {
    await mkdir(join(this.root, 'tmp'), { recursive: true });
    const temporary = join(this.root, 'tmp', randomUUID());
    const meter = new Meter(maxBytes);
    try {
      await pipeline(source, meter.stream, createWriteStream(temporary));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    const blob = meter.blob();
    const target = this.pathOf(blob.sha256);
    await mkdir(join(target, '..'), { recursive: true });
    // Same content, same address: a second upload of a file replaces it with identical bytes.
    await rename(temporary, target);
    return blob;
  }

  async discard(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async open(sha256: string): Promise<Readable | null> {
    const path = this.pathOf(sha256);
    return (await stat(path).catch(() => null)) ? createReadStream(path) : null;
  }

  private pathOf(sha256: string): string {
    return join(this.root, ...addressOf(sha256));
  }
}

/** `<sha[0:2]>/<sha>`: the same layout in a folder and in a bucket. */
function addressOf(sha256: string): [string, string] {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
  return [sha256.slice(0, 2), sha256];
}

/** Counts, hashes and samples the bytes passing through; fails the stream beyond `maxBytes`. */
class Meter {
  readonly stream: Transform;
  private readonly hash = createHash('sha256');
  private sizeBytes = 0;
  private head = Buffer.alloc(0);

  constructor(maxBytes: number) {
    this.stream = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.sizeBytes += chunk.length;
        if (this.sizeBytes > maxBytes) return done(new BlobTooLarge(maxBytes));
        if (this.head.length < HEAD_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
        this.hash.update(chunk);
        done(null, chunk);
      },
    });
  }

  blob(): StoredBlob {
    return { sha256: this.hash.digest('hex'), sizeBytes: this.sizeBytes, head: this.head };
  }
}

/** Where an S3-compatible store keeps evidence (AWS S3, MinIO, Ceph, R2, ...). */
export interface S3StoreOptions {
  bucket: string;
  region: string;
  /** Set for S3-compatible services; AWS's regional endpoint when not given. */
  endpoint?: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key` (most self-hosted services need it). */
  forcePathStyle: boolean;
  /** Key prefix inside the bucket ("" or ending in "/"). */
  prefix: string;
  /** Static credentials; when absent the AWS SDK's default chain (env, profile, instance role, ...) is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * Content-addressed evidence in an S3-compatible bucket, keyed `<prefix><sha[0:2]>/<sha>` like the
 * local folder. The bytes are streamed to a temporary key while hashed (the address is known only
 * at the end), then copied to their address; a refused or broken upload leaves nothing behind.
 */
export class S3ContentStore implements ContentStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3StoreOptions) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // We hash every byte ourselves; only send the checksums S3 requires, which every
      // S3-compatible service understands (no aws-chunked trailers).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async write(source: Readable, maxBytes: number): Promise<StoredBlob> {
    const temporary = `${this.options.prefix}tmp/${randomUUID()}`;
    const meter = new Meter(maxBytes);
    const body = new PassThrough();
    const upload = new Upload({ client: this.client, params: { Bucket: this.options.bucket, Key: temporary, Body: body } });
    // A failed upload stops reading: end the pipeline too (it would wait on back-pressure forever).
    const uploading = upload.done().catch((error: unknown) => {
      body.destroy(error as Error);
      throw error;
    });
    const [piped, uploaded] = await Promise.allSettled([pipeline(source, meter.stream, body), uploading]);
    if (piped.status === 'rejected' || uploaded.status === 'rejected') {
      await upload.abort().catch(() => undefined);
      await this.delete(temporary).catch(() => undefined);
      // The stream's own failure (too large, client gone) explains more than the upload's.
      throw piped.status === 'rejected' ? piped.reason : (uploaded as PromiseRejectedResult).reason;
    }
    const blob = meter.blob();
    try {
      // Same content, same address: a second upload of a file replaces it with identical bytes.
      await this.client.send(new CopyObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(blob.sha256), CopySource: `${this.options.bucket}/${temporary.split('/').map(encodeURIComponent).join('/')}` }));
    } finally {
      await this.delete(temporary).catch(() => undefined);
    }
    return blob;
  }

  async discard(sha256: string): Promise<void> {
    await this.delete(this.keyOf(sha256));
  }

  async open(sha256: string): Promise<Readable | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }));
      return (object.Body as Readable | undefined) ?? null;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if ((error as Error).name === 'NoSuchKey' || status === 404) return null;
      throw error;
    }
  }

  /** Closes the client's connections. */
  close(): void {
    this.client.destroy();
  }

  private async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  private keyOf(sha256: string): string {
    return `${this.options.prefix}${addressOf(sha256).join('/')}`;
  }
}

/** The evidence store the settings name: a bucket when one is configured, else the local folder. */
export function openContentStore(settings: { evidenceDir: string; evidenceS3?: S3StoreOptions }): ContentStore & { close?(): void } {
  return settings.evidenceS3 ? new S3ContentStore(settings.evidenceS3) : new LocalContentStore(settings.evidenceDir);
}
