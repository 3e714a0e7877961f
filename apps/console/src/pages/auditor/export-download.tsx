import { useEffect, useState } from 'react';
import type { ApiError } from '../../api/client';
import { currentSession, endSession } from '../../api/session';
import { ErrorNote } from '../../ui/states';

type Download =
  | { status: 'idle' }
  | { status: 'running'; received: number; total: number | null }
  | { status: 'ready'; url: string; name: string; bytes: number; manifestSha256: string; headHash: string; validAtExport: boolean };

const size = (bytes: number) => (bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`);

/** Reads GET /audit/disputes/:id/export with the session's token, counting bytes as they arrive. */
async function fetchExport(disputeId: string, onProgress: (received: number, total: number | null) => void): Promise<{ ok: true; blob: Blob; response: Response } | { ok: false; error: ApiError }> {
  const token = currentSession()?.token;
  let response: Response;
  try {
    response = await fetch(`/audit/disputes/${encodeURIComponent(disputeId)}/export`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    return { ok: false, error: { code: 'UNAVAILABLE', message: 'The dispute service cannot be reached. Check your connection and try again.' } };
  }
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => null)) as { error?: ApiError } | null;
    const error = body?.error ?? { code: 'INTERNAL', message: `The export failed (HTTP ${response.status}); try again.` };
    if (error.code === 'UNAUTHENTICATED') endSession(error.message);
    return { ok: false, error };
  }
  const total = Number(response.headers.get('content-length')) || null;
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received, total);
  }
  return { ok: true, blob: new Blob(chunks, { type: 'application/x-tar' }), response };
}

/**
 * The NDJSON export and its manifest, as the tar archive the API sends: progress while it
 * arrives, then a link that saves it, and how to check it without the service.
 */
export function ExportDownload({ disputeId }: { disputeId: string }) {
  const [download, setDownload] = useState<Download>({ status: 'idle' });
  const [error, setError] = useState<ApiError | null>(null);
  const url = download.status === 'ready' ? download.url : null;
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  const start = async () => {
    setError(null);
    setDownload({ status: 'running', received: 0, total: null });
    const result = await fetchExport(disputeId, (received, total) => setDownload({ status: 'running', received, total }));
    if (!result.ok) {
      setDownload({ status: 'idle' });
      return setError(result.error);
    }
    const { blob, response } = result;
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `dispute-${disputeId}-export.tar`;
    setDownload({
      status: 'ready',
      url: URL.createObjectURL(blob),
      name,
      bytes: blob.size,
      manifestSha256: response.headers.get('x-export-manifest-sha256') ?? '',
      headHash: response.headers.get('x-export-head-hash') ?? '',
      validAtExport: response.headers.get('x-export-valid-at-export') === 'true',
    });
  };

  const folder = download.status === 'ready' ? download.name.replace(/\.tar$/, '') : '';
  return (
    <div className="audit-export">
      <p className="hint">One tar archive holding events.ndjson (one canonical JSON event per line, with its hash) and manifest.json (counts, SHA-256 and head hash).</p>
      <button type="button" onClick={() => void start()} disabled={download.status === 'running'} aria-describedby={error ? 'export-error' : undefined}>
        {download.status === 'ready' ? 'Export again' : 'Prepare the export'}
      </button>
      <ErrorNote error={error} id="export-error" />
      {download.status === 'running' && (
        <div className="audit-progress">
          <label htmlFor="export-progress">Exporting</label>
          <progress id="export-progress" max={download.total ?? undefined} value={download.total ? download.received : undefined} />
          <span className="hint" role="status">
            {size(download.received)}
            {download.total ? ` of ${size(download.total)}` : ''} received
          </span>
        </div>
      )}
      {download.status === 'ready' && (
        <div className="audit-export-ready" role="status">
          <p>
            <a className="button" href={download.url} download={download.name}>
              Save {download.name} ({size(download.bytes)})
            </a>
          </p>
          {!download.validAtExport && <p className="error-note">This history was already broken when exported: the offline check will fail, as it should.</p>}
          <p>
            Manifest SHA-256: <code className="audit-full-hash">{download.manifestSha256}</code>
            <br />
            Keep it somewhere the exporter cannot rewrite; the history ends at head <code className="audit-full-hash">{download.headHash}</code>.
          </p>
          <p>
            To verify it offline, without the database: unpack it with <code>tar -xf {download.name}</code>, then in a checkout of this service run{' '}
            <code>
              npm run audit:verify-export -- {folder} --manifest-sha256 {download.manifestSha256}
            </code>
            . It re-hashes every event, checks each chain and the manifest, and prints OK or each problem.
          </p>
        </div>
      )}
    </div>
  );
}
