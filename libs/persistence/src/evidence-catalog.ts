import type { DataSource } from 'typeorm';
import type { DisputeState, Role, UploadedFile } from '../../domain/src';
import { statesCitingEvidence } from './disputes/states-citing-evidence';

/** A catalogued upload: the facts the citation rule checks, and when it arrived. */
export interface EvidenceFile extends UploadedFile {
  uploadedAt: string;
}

interface EvidenceFileRow {
  evidence_id: string;
  sha256: string;
  size_bytes: string;
  content_type: string;
  uploader_role: Role;
  uploader_id: string;
  uploaded_at: Date;
}

const toFile = (row: EvidenceFileRow): EvidenceFile => ({
  evidenceId: row.evidence_id,
  sha256: row.sha256,
  sizeBytes: Number(row.size_bytes),
  contentType: row.content_type,
  uploader: { role: row.uploader_role, id: row.uploader_id },
  uploadedAt: row.uploaded_at.toISOString(),
});

/** The catalogue of uploads (`evidence_files`): who uploaded which bytes, under which id. */
export class EvidenceCatalog {
  constructor(private readonly dataSource: DataSource) {}

  async record(file: UploadedFile): Promise<EvidenceFile> {
    const [row] = await this.dataSource.query<EvidenceFileRow[]>(
      `INSERT INTO evidence_files (evidence_id, sha256, size_bytes, content_type, uploader_role, uploader_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [file.evidenceId, file.sha256, file.sizeBytes, file.contentType, file.uploader.role, file.uploader.id],
    );
    return toFile(row);
  }

  async find(evidenceId: string): Promise<EvidenceFile | null> {
    const [file] = await this.findMany([evidenceId]);
    return file ?? null;
  }

  /** The files catalogued under these ids (ids never uploaded are simply absent). */
  async findMany(evidenceIds: readonly string[]): Promise<EvidenceFile[]> {
    if (evidenceIds.length === 0) return [];
    const rows = await this.dataSource.query<EvidenceFileRow[]>('SELECT * FROM evidence_files WHERE evidence_id = ANY($1::text[]) ORDER BY evidence_id', [evidenceIds]);
    return rows.map(toFile);
  }

  /** The facts decide's citation rule checks (UploadedFile: no upload time) of the files under these ids. */
  async uploadsOf(evidenceIds: readonly string[]): Promise<UploadedFile[]> {
    const files = await this.findMany(evidenceIds);
    return files.map(({ evidenceId, sha256, sizeBytes, contentType, uploader }) => ({ evidenceId, sha256, sizeBytes, contentType, uploader }));
  }

  /** Projected states of the disputes whose case file cites this evidence id. */
  citingDisputes(evidenceId: string): Promise<DisputeState[]> {
    return statesCitingEvidence(this.dataSource, evidenceId);
  }
}
