import { useState } from 'react';
import type { ApiError } from '../../api/client';
import { currentSession } from '../../api/session';
import { partyName } from '../../format/dispute-words';
import { dateTime } from '../../format/time';
import { Empty, ErrorNote } from '../../ui/states';
import type { PanelProps } from './dispute-fields';

type File = PanelProps['dispute']['evidence'][number];

const size = (bytes: number | null | undefined): string => (bytes === null || bytes === undefined ? '' : bytes < 1024 ? `${bytes} B` : bytes < 1_048_576 ? `${Math.round(bytes / 102.4) / 10} KB` : `${Math.round(bytes / 104_857.6) / 10} MB`);

/**
 * GET /evidence/:id needs the bearer token, which a plain link cannot send: the file is fetched
 * and handed to the browser as a download from a blob: URL (the CSP allows blob:).
 */
async function download(file: File): Promise<ApiError | null> {
  const token = currentSession()?.token;
  try {
    const response = await fetch(`/evidence/${encodeURIComponent(file.evidenceId)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: ApiError };
      return body.error ?? { code: 'INTERNAL', message: `The file could not be read (${response.status}).` };
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = file.description ?? file.evidenceId;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return null;
  } catch {
    return { code: 'UNAVAILABLE', message: 'The dispute service cannot be reached. Check your connection and try again.' };
  }
}

function EvidenceRow({ file, me }: { file: File; me: PanelProps['me'] }) {
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <li className="case-item">
      <strong>{file.description ?? file.evidenceId}</strong> <span className="badge">{file.kind.toLowerCase()}</span>
      <span className="hint">
        {' '}
        {[file.contentType, size(file.sizeBytes)].filter(Boolean).join(', ')}
      </span>
      <div className="hint">
        Added by {partyName(file.addedBy, me).toLowerCase()} on {dateTime(file.addedAt)} · SHA-256 <span className="mono">{file.sha256}</span>
      </div>
      <button type="button" className="quiet" onClick={() => void download(file).then(setError)}>
        Download <span className="visually-hidden">{file.description ?? file.evidenceId}</span>
      </button>
      <ErrorNote error={error} />
    </li>
  );
}

/** The case file's evidence, from both parties, each with its hash and who added it when. */
export function EvidenceList({ dispute, me }: PanelProps) {
  return (
    <section className="panel" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Evidence</h2>
      {dispute.evidence.length === 0 ? (
        <Empty>No files in the case yet.</Empty>
      ) : (
        <ol className="case-items">
          {dispute.evidence.map((file) => (
            <EvidenceRow key={file.evidenceId} file={file} me={me} />
          ))}
        </ol>
      )}
    </section>
  );
}
