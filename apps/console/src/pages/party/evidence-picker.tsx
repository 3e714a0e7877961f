import { useId, useState, type ChangeEvent } from 'react';
import type { ApiError } from '../../api/client';
import { ACCEPTED_CONTENT_TYPES } from '../../ui/evidence-files';
import { uploadEvidenceFile } from '../../ui/evidence-upload-request';
import { ErrorNote } from '../../ui/states';

// A compact file picker for the parties' forms (answers, appeals, contested returns): each chosen
// file goes to POST /evidence at once, through the same upload as the Open Dispute form's full
// uploader (ui/evidence-upload.tsx), and becomes a citation the mutation sends.

export interface Citation {
  evidenceId: string;
  sha256: string;
  kind: 'PHOTO' | 'DOCUMENT' | 'VIDEO';
  description?: string;
}

/** The kind a file is cited as follows from its type (the API checks the bytes against the kind). */
const kindOf = (type: string): Citation['kind'] => (type === 'application/pdf' ? 'DOCUMENT' : type.startsWith('video/') ? 'VIDEO' : 'PHOTO');

async function upload(file: File, onProgress: (fraction: number) => void): Promise<{ ok: true; citation: Citation } | { ok: false; error: ApiError }> {
  const result = await uploadEvidenceFile(file, onProgress).done;
  if (!result.ok) return result;
  return { ok: true, citation: { evidenceId: result.file.evidenceId, sha256: result.file.sha256, kind: kindOf(result.file.contentType), description: file.name } };
}

export function EvidencePicker({ label, files, onChange }: { label: string; files: Citation[]; onChange: (files: Citation[]) => void }) {
  const id = useId();
  const [busy, setBusy] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = Array.from(event.target.files ?? []);
    event.target.value = '';
    setError(null);
    let added = files;
    for (const file of chosen) {
      setBusy({ name: file.name, percent: 0 });
      const result = await upload(file, (fraction) => setBusy({ name: file.name, percent: Math.round(fraction * 100) }));
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
      <input id={id} type="file" multiple accept={ACCEPTED_CONTENT_TYPES.join(',')} onChange={(event) => void pick(event)} disabled={busy !== null} />
      {busy && (
        <p role="status" className="hint">
          Uploading {busy.name}… {busy.percent} %
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
