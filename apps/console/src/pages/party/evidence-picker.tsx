import { useId, useState, type ChangeEvent } from 'react';
import type { ApiError } from '../../api/client';
import { currentSession } from '../../api/session';
import { ErrorNote } from '../../ui/states';

// A minimal file picker for the parties' forms: each chosen file goes to POST /evidence at once
// and becomes a citation the mutation sends. The buyer's wizard has the full uploader
// (ui/evidence-upload.tsx, with drag and drop, previews and progress); the two are to be
// consolidated into that one.

export interface Citation {
  evidenceId: string;
  sha256: string;
  kind: 'PHOTO' | 'DOCUMENT' | 'VIDEO';
  description?: string;
}

/** The kind a file is cited as follows from its type (the API checks the bytes against the kind). */
const kindOf = (type: string): Citation['kind'] => (type === 'application/pdf' ? 'DOCUMENT' : type.startsWith('video/') ? 'VIDEO' : 'PHOTO');

async function upload(file: File): Promise<{ ok: true; citation: Citation } | { ok: false; error: ApiError }> {
  const form = new FormData();
  form.append('file', file, file.name);
  const token = currentSession()?.token;
  try {
    const response = await fetch('/evidence', { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
    const body = (await response.json()) as { evidenceId?: string; sha256?: string; contentType?: string; error?: ApiError };
    if (!response.ok || !body.evidenceId || !body.sha256) return { ok: false, error: body.error ?? { code: 'INTERNAL', message: `The upload was refused (${response.status}).` } };
    return { ok: true, citation: { evidenceId: body.evidenceId, sha256: body.sha256, kind: kindOf(body.contentType ?? file.type), description: file.name } };
  } catch {
    return { ok: false, error: { code: 'UNAVAILABLE', message: `${file.name} could not be uploaded: the dispute service cannot be reached.` } };
  }
}

export function EvidencePicker({ label, files, onChange }: { label: string; files: Citation[]; onChange: (files: Citation[]) => void }) {
  const id = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = Array.from(event.target.files ?? []);
    event.target.value = '';
    setError(null);
    let added = files;
    for (const file of chosen) {
      setBusy(file.name);
      const result = await upload(file);
      if (!result.ok) {
        setError({ ...result.error, message: `${file.name}: ${result.error.message}` });
        break;
      }
      added = [...added, result.citation];
      onChange(added);
    }
    setBusy(null);
  };

  return (
    <div className="evidence-picker">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" multiple accept="image/jpeg,image/png,image/webp,image/gif,application/pdf,video/mp4" onChange={(event) => void pick(event)} disabled={busy !== null} />
      {busy && (
        <p role="status" className="hint">
          Uploading {busy}…
        </p>
      )}
      <ErrorNote error={error} />
      {files.length > 0 && (
        <ul className="picked-files">
          {files.map((file) => (
            <li key={file.evidenceId}>
              {file.description ?? file.evidenceId} <span className="badge">{file.kind.toLowerCase()}</span>{' '}
              <button type="button" className="quiet" onClick={() => onChange(files.filter((other) => other.evidenceId !== file.evidenceId))}>
                Remove <span className="visually-hidden">{file.description}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
