import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { KIND_CONTENT_TYPES, type Actor, type EvidenceKind, type UploadedFile } from '../../libs/domain/src';
import { EvidenceCatalog } from '../../libs/persistence/src';

/** The first bytes the API recognises each accepted type by (apps/api/src/evidence/detect-type.ts). */
const SIGNATURES: Record<string, Buffer> = {
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  'application/pdf': Buffer.from('%PDF-1.7\n'),
  'video/mp4': Buffer.from([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70]),
};

/** A small file of this type whose bytes are unique to `name` (and to this call, so repeats never collide). */
export function evidenceBytes(name: string, contentType = 'image/jpeg'): Buffer {
  return Buffer.concat([SIGNATURES[contentType], Buffer.from(` ${name} ${randomUUID()}`)]);
}

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export interface UploadAnswer {
  status: number;
  body: { evidenceId?: string; sha256?: string; contentType?: string; sizeBytes?: number; error?: { code: string; message: string } };
}

/** POST /evidence over HTTP, as a client uploads. */
export async function uploadFile(url: string, token: string | undefined, bytes: Buffer, filename = 'evidence.bin', declaredType = 'application/octet-stream'): Promise<UploadAnswer> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: declaredType }), filename);
  const response = await fetch(`${url}/evidence`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: (await response.json()) as UploadAnswer['body'] };
}

/** A citation of a file, as the mutations take it. */
export interface Citation {
  evidenceId: string;
  sha256: string;
  kind: EvidenceKind;
  description?: string;
}

/** A file type each kind may be cited as (the first the domain's table lists). */
const typeOfKind = (kind: EvidenceKind): string => KIND_CONTENT_TYPES[kind][0];

/** Uploads a file of the kind as `token`'s account and answers its citation (with the id and hash the upload answered). */
export async function uploadEvidence(url: string, token: string, name: string, kind: EvidenceKind = 'PHOTO'): Promise<Citation> {
  const uploaded = await uploadFile(url, token, evidenceBytes(name, typeOfKind(kind)));
  if (uploaded.status !== 201 || !uploaded.body.evidenceId || !uploaded.body.sha256) throw new Error(`upload refused: ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
  return { evidenceId: uploaded.body.evidenceId, sha256: uploaded.body.sha256, kind, description: name };
}

/**
 * For suites below the API (workflow tier): records an upload in the catalog as the evidence
 * controller does, and answers the catalog's facts the API would hand the workflow.
 */
export async function catalogUpload(dataSource: DataSource, uploader: Actor, name: string, kind: EvidenceKind = 'PHOTO'): Promise<{ citation: Citation; file: UploadedFile }> {
  const bytes = evidenceBytes(name, typeOfKind(kind));
  const file: UploadedFile = { evidenceId: `ev-${randomUUID()}`, sha256: sha256Hex(bytes), sizeBytes: bytes.length, contentType: typeOfKind(kind), uploader };
  await new EvidenceCatalog(dataSource).record(file);
  return { citation: { evidenceId: file.evidenceId, sha256: file.sha256, kind }, file };
}
