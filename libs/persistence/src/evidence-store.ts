import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataSource } from 'typeorm';

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
    const hash = createHash('sha256');
    let sizeBytes = 0;
    let head = Buffer.alloc(0);
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sizeBytes += chunk.length;
        if (sizeBytes > maxBytes) return done(new BlobTooLarge(maxBytes));
        if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(temporary));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    const target = this.pathOf(sha256);
    await mkdir(join(target, '..'), { recursive: true });
    // Same content, same address: a second upload of a file replaces it with identical bytes.
    await rename(temporary, target);
    return { sha256, sizeBytes, head };
  }

  async discard(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async open(sha256: string): Promise<Readable | null> {
    const path = this.pathOf(sha256);
    return (await stat(path).catch(() => null)) ? createReadStream(path) : null;
  }

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
    return join(this.root, sha256.slice(0, 2), sha256);
  }
}

export interface EvidenceFile {
  evidenceId: string;
  sha256: string;
  sizeBytes: number;
  contentType: string;
  uploader: { role: string; id: string };
  uploadedAt: string;
}

/** The catalogue of uploads: who uploaded which bytes, under which id. */
export class EvidenceCatalog {
  constructor(private readonly dataSource: DataSource) {}

  async record(file: Omit<EvidenceFile, 'uploadedAt'>): Promise<EvidenceFile> {
    const [row] = await this.dataSource.query(
      `INSERT INTO evidence_files (evidence_id, sha256, size_bytes, content_type, uploader_role, uploader_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING uploaded_at`,
      [file.evidenceId, file.sha256, file.sizeBytes, file.contentType, file.uploader.role, file.uploader.id],
    );
    return { ...file, uploadedAt: (row.uploaded_at as Date).toISOString() };
  }

  async find(evidenceId: string): Promise<EvidenceFile | null> {
    const [row] = await this.dataSource.query('SELECT * FROM evidence_files WHERE evidence_id = $1', [evidenceId]);
    if (!row) return null;
    return {
      evidenceId: row.evidence_id,
      sha256: row.sha256,
      sizeBytes: Number(row.size_bytes),
      contentType: row.content_type,
      uploader: { role: row.uploader_role, id: row.uploader_id },
      uploadedAt: (row.uploaded_at as Date).toISOString(),
    };
  }

  /** Projected states of the disputes whose case file cites this evidence id. */
  async citingDisputes(evidenceId: string): Promise<unknown[]> {
    const rows: { state: unknown }[] = await this.dataSource.query(`SELECT state FROM disputes WHERE state->'evidence' @> $1::jsonb`, [JSON.stringify([{ evidenceId }])]);
    return rows.map((row) => row.state);
  }
}
