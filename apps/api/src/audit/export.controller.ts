import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { EVENTS_FILE, MANIFEST_FILE, exportHistories } from '../../../../libs/audit/src';
import { DATA_SOURCE, addLogContext } from '../../../../libs/platform/src';
import { TOKEN_VERIFIER } from '../api.tokens';
import type { TokenVerifier } from '../auth/token-verifier';
import { ApiError } from '../graphql/errors';
import { tarEnd, tarHeader, tarPadding, tarSize } from './tar';

class ExportRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}

/**
 * `GET /audit/disputes/:id/export` (auditors only): the dispute's history exported by libs/audit's
 * exportHistories — the very files `npm run audit:export -- --dispute <id>` writes — sent as one
 * tar archive holding `dispute-<id>-export/events.ndjson` and `manifest.json`, with its
 * Content-Length (clients show progress) and the manifest's SHA-256 in `x-export-manifest-sha256`
 * (to keep somewhere the exporter cannot rewrite, and pass to `audit:verify-export`).
 */
@Controller('audit')
export class ExportController {
  constructor(
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  @Get('disputes/:id/export')
  async export(@Param('id') disputeId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    // The export is written to a private directory first: the manifest's counts and hashes are only
    // known once every event is read, and the archive's headers need each file's size.
    let directory: string | null = null;
    try {
      await this.requireAuditor(request);
      addLogContext({ disputeId });
      directory = await mkdtemp(join(tmpdir(), 'dispute-export-'));
      const { manifest, manifestSha256 } = await exportHistories(this.dataSource, { disputeId }, directory);
      const exported = manifest.disputes[0];
      if (!exported) throw new ExportRefused(404, 'NOT_FOUND', `No dispute ${disputeId} exists.`);
      const folder = `dispute-${exported.disputeId}-export`;
      const files = await Promise.all(
        [EVENTS_FILE, MANIFEST_FILE].map(async (file) => ({ file, path: join(directory!, file), size: (await stat(join(directory!, file))).size })),
      );
      const modifiedAt = new Date(manifest.exportedAt);
      response.status(200);
      response.setHeader('content-type', 'application/x-tar');
      response.setHeader('content-length', String(tarSize(files.map((entry) => entry.size))));
      response.setHeader('content-disposition', `attachment; filename="${folder}.tar"`);
      response.setHeader('cache-control', 'no-store');
      response.setHeader('x-export-manifest-sha256', manifestSha256);
      response.setHeader('x-export-head-hash', exported.headHash);
      response.setHeader('x-export-valid-at-export', String(exported.validAtExport));
      async function* archive() {
        for (const entry of files) {
          yield tarHeader({ name: `${folder}/${entry.file}`, size: entry.size, modifiedAt });
          yield* createReadStream(entry.path);
          yield tarPadding(entry.size);
        }
        yield tarEnd();
      }
      // pipeline, not pipe: a client leaving early also ends the reads.
      await pipeline(Readable.from(archive()), response).catch(() => response.destroy());
    } catch (error) {
      this.refuse(response, error);
    } finally {
      if (directory) await rm(directory, { recursive: true, force: true });
    }
  }

  private async requireAuditor(request: Request): Promise<void> {
    let viewer;
    try {
      viewer = await this.verifier.verify(request.headers.authorization);
    } catch (error) {
      if (error instanceof ApiError) throw new ExportRefused(401, 'UNAUTHENTICATED', error.message);
      throw error;
    }
    if (!viewer) throw new ExportRefused(401, 'UNAUTHENTICATED', 'Sign in: send a valid bearer token in the Authorization header.');
    if (viewer.role !== 'AUDITOR') throw new ExportRefused(403, 'FORBIDDEN', `Exports are for AUDITOR accounts; you are signed in as ${viewer.role}.`);
  }

  private refuse(response: Response, error: unknown): void {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (error instanceof ExportRefused) {
      response.status(error.status).json({ error: { code: error.code, message: error.message } });
      return;
    }
    response.status(500).json({ error: { code: 'INTERNAL', message: 'The export failed on our side; try again.' } });
  }
}
