import { useId, useState, type DragEvent } from 'react';
import { KIND_CONTENT_TYPES } from '../../../../libs/domain/src/citations';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../../../libs/domain/src/types';
import { ACCEPTED_CONTENT_TYPES, megabytes, type EvidenceFile, type EvidenceList } from './evidence-files';
import { ErrorNote } from './states';
import './evidence-upload.css';

export { citationsOf, useEvidenceFiles, type Citation, type EvidenceFile, type EvidenceList } from './evidence-files';

const KIND_WORDS: Record<EvidenceKind, string> = { PHOTO: 'Photo', SCREENSHOT: 'Screenshot', CHAT_LOG: 'Chat log', DOCUMENT: 'Document', VIDEO: 'Video', TRACKING: 'Tracking page' };

/**
 * Evidence for one command: drop files on the area or pick them (a real file input, so the
 * keyboard and screen readers reach it); each file shows a preview, its upload's progress, the
 * kind it will be cited as, and any refusal in the API's words. Used by the Open Dispute form
 * and by the parties' appeal and contested-return forms.
 */
export function EvidenceUpload({ evidence, label, hint }: { evidence: EvidenceList; label: string; hint?: string }) {
  const inputId = useId();
  const hintId = useId();
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    evidence.add([...event.dataTransfer.files]);
  };
  return (
    <div className="evidence-upload">
      <div
        className={over ? 'drop-zone over' : 'drop-zone'}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <label htmlFor={inputId}>{label}</label>
        <p className="hint" id={hintId}>
          {hint ?? 'Drag files here, or choose them.'} PNG, JPEG, GIF or WebP images, PDF documents and MP4 videos.
        </p>
        <input
          id={inputId}
          type="file"
          multiple
          accept={ACCEPTED_CONTENT_TYPES.join(',')}
          aria-describedby={hintId}
          onChange={(event) => {
            evidence.add([...(event.target.files ?? [])]);
            // Choosing the same file again must fire change again (the list then refuses the repeat).
            event.target.value = '';
          }}
        />
      </div>
      {evidence.files.length > 0 && (
        <ul className="evidence-files" aria-label="Attached files">
          {evidence.files.map((file) => (
            <EvidenceFileRow key={file.key} file={file} evidence={evidence} />
          ))}
        </ul>
      )}
    </div>
  );
}

function EvidenceFileRow({ file, evidence }: { file: EvidenceFile; evidence: EvidenceList }) {
  const kindId = useId();
  const kinds = file.uploaded ? EVIDENCE_KINDS.filter((kind) => KIND_CONTENT_TYPES[kind].includes(file.uploaded!.contentType)) : [];
  const extension = /\.([a-z0-9]{1,4})$/i.exec(file.name)?.[1]?.toUpperCase() ?? 'FILE';
  return (
    <li className={`evidence-file ${file.state}`}>
      {file.previewUrl && file.state !== 'refused' ? (
        <img className="preview" src={file.previewUrl} alt={`Preview of ${file.name}`} />
      ) : (
        <span className="file-icon" aria-hidden="true">
          {extension}
        </span>
      )}
      <div className="about">
        <p className="name">
          <strong>{file.name}</strong> <span className="size">{megabytes(file.sizeBytes)}</span>
        </p>
        {file.state === 'uploading' && (
          <>
            <progress max={1} value={file.progress} aria-label={`Uploading ${file.name}`} />
            <span className="hint" role="status">
              Uploading… {Math.round(file.progress * 100)}%
            </span>
          </>
        )}
        {file.state === 'uploaded' && (
          <>
            <progress max={1} value={1} aria-label={`Uploaded ${file.name}`} />
            <span className="ok-text" role="status">
              Uploaded ({file.uploaded!.contentType})
            </span>
            <label htmlFor={kindId} className="kind-label">
              Cite it as
            </label>
            <select id={kindId} value={file.kind ?? ''} onChange={(event) => evidence.setKind(file.key, event.target.value as EvidenceKind)}>
              {kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_WORDS[kind]}
                </option>
              ))}
            </select>
          </>
        )}
        {file.state === 'refused' && <p className="refused-label">Not attached</p>}
        <ErrorNote error={file.refusal} />
      </div>
      <button type="button" className="quiet remove" onClick={() => evidence.remove(file.key)} aria-label={`Remove ${file.name}`}>
        Remove
      </button>
    </li>
  );
}
