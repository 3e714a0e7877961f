import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import busboy from 'busboy';
import type { Request, Response } from 'express';
import { canReadEvidence, isUploader, type DisputeState } from '../../../../libs/domain/src';
import type { EvidenceCatalog } from '../../../../libs/persistence/src';
import { BlobTooLarge, type ContentStore } from '../../../../libs/persistence/src/evidence-store';
import { API_SETTINGS, CONTENT_STORE, EVIDENCE_CATALOG, TOKEN_VERIFIER } from '../api.tokens';
import type { ApiSettings } from '../api-settings';
import type { TokenVerifier } from '../auth/token-verifier';
import type { Viewer } from '../auth/viewer';
import { ApiError, type ErrorCode } from '../graphql/errors';
import { ACCEPTED_TYPES, detectType } from './detect-type';

const STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, VALIDATION: 400 };

class UploadRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Evidence files: `POST /evidence` (multipart, one `file` part) streams the bytes into
 * content-addressed storage, hashing as they arrive, and answers the id the mutations take;
 * `GET /evidence/:id` serves a file to its uploader and to the parties, mediators and auditors of a
 * dispute citing it (canReadEvidence); everyone else gets the NOT_FOUND an unknown id gets.
 */
@Controller('evidence')
export class EvidenceController {
  constructor(
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(CONTENT_STORE) private readonly store: ContentStore,
    @Inject(EVIDENCE_CATALOG) private readonly catalog: EvidenceCatalog,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  @Post()
  async upload(@Req() request: Request, @Res() response: Response): Promise<void> {
    try {
      const viewer = await this.viewerOf(request);
      if (viewer.role !== 'BUYER' && viewer.role !== 'SELLER') throw new UploadRefused(403, 'FORBIDDEN', 'Only the buyer or the seller of a dispute uploads evidence.');
      const blob = await this.receive(request);
      const contentType = detectType(blob.head);
      if (!contentType) {
        // Same bytes would be refused the same way, so no accepted upload shares this blob.
        await this.store.discard(blob.sha256);
        throw new UploadRefused(415, 'VALIDATION', `This file type is not accepted; send one of ${ACCEPTED_TYPES.join(', ')}.`);
      }
      const file = await this.catalog.record({ evidenceId: `ev-${randomUUID()}`, sha256: blob.sha256, sizeBytes: blob.sizeBytes, contentType, uploader: viewer });
      response.status(201).json({ evidenceId: file.evidenceId, sha256: file.sha256, sizeBytes: file.sizeBytes, contentType: file.contentType });
    } catch (error) {
      this.refuse(response, error);
    }
  }

  @Get(':id')
  async download(@Param('id') id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    try {
      const viewer = await this.viewerOf(request);
      const file = await this.catalog.find(id);
      const readable = file !== null && (isUploader(file, viewer) || (await this.catalog.citingDisputes(id)).some((state) => canReadEvidence(state as DisputeState, viewer)));
      const stream = file && readable ? await this.store.open(file.sha256) : null;
      if (!file || !stream) throw new UploadRefused(404, 'NOT_FOUND', `No evidence ${id} exists that you can see.`);
      response.status(200).setHeader('content-type', file.contentType);
      response.setHeader('content-length', String(file.sizeBytes));
      response.setHeader('x-content-type-options', 'nosniff');
      response.setHeader('content-disposition', `attachment; filename="${file.evidenceId}"`);
      response.setHeader('x-evidence-sha256', file.sha256);
      // pipeline, not pipe: a client leaving early also ends the read (and frees an S3 connection).
      pipeline(stream, response).catch(() => response.destroy());
    } catch (error) {
      this.refuse(response, error);
    }
  }

  private async viewerOf(request: Request): Promise<Viewer> {
    try {
      const viewer = await this.verifier.verify(request.headers.authorization);
      if (viewer) return viewer;
    } catch (error) {
      if (error instanceof ApiError) throw new UploadRefused(401, 'UNAUTHENTICATED', error.message);
      throw error;
    }
    throw new UploadRefused(401, 'UNAUTHENTICATED', 'Sign in: send a valid bearer token in the Authorization header.');
  }

  private receive(request: Request): Promise<Awaited<ReturnType<ContentStore['write']>>> {
    return new Promise((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({ headers: request.headers, limits: { files: 1, fields: 0, fileSize: this.settings.evidenceMaxBytes + 1 } });
      } catch {
        reject(new UploadRefused(400, 'VALIDATION', 'Send the file as multipart/form-data with one part named "file".'));
        return;
      }
      let received = false;
      parser.on('file', (name, stream) => {
        if (name !== 'file' || received) {
          stream.resume();
          return;
        }
        received = true;
        this.store.write(stream, this.settings.evidenceMaxBytes).then(resolve, (error: unknown) => {
          request.unpipe(parser);
          request.resume();
          reject(error instanceof BlobTooLarge ? new UploadRefused(413, 'VALIDATION', `The file is larger than the ${this.settings.evidenceMaxBytes} bytes allowed.`) : error);
        });
      });
      parser.on('error', () => reject(new UploadRefused(400, 'VALIDATION', 'The multipart body could not be read.')));
      parser.on('close', () => {
        if (!received) reject(new UploadRefused(400, 'VALIDATION', 'Send the file as multipart/form-data with one part named "file".'));
      });
      request.pipe(parser);
    });
  }

  private refuse(response: Response, error: unknown): void {
    if (error instanceof UploadRefused) {
      response.status(error.status).json({ error: { code: error.code, message: error.message } });
      return;
    }
    const code = error instanceof ApiError ? String(error.extensions.code) : 'INTERNAL';
    response.status(STATUS[code as ErrorCode] ?? 500).json({ error: { code, message: code === 'INTERNAL' ? 'The upload failed on our side; try again.' : (error as Error).message } });
  }
}
