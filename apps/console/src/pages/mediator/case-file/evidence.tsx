import { useEffect, useState } from 'react';
import type { ApiError } from '../../../api/client';
import { currentSession } from '../../../api/session';
import { dateTime } from '../../../format/time';
import { Empty, ErrorNote, Loading } from '../../../ui/states';
import type { CaseDispute } from './types';

type Item = CaseDispute['evidence'][number];

/**
 * The file's bytes as a blob: URL. GET /evidence/:id needs the bearer token, which an <img src>
 * cannot send, and the console's CSP allows images, media and frames from blob: only.
 */
function useEvidenceFile(evidenceId: string, wanted: boolean): { url: string | null; error: ApiError | null } {
  const [state, setState] = useState<{ url: string | null; error: ApiError | null }>({ url: null, error: null });
  useEffect(() => {
    if (!wanted) return;
    let url: string | null = null;
    let current = true;
    const token = currentSession()?.token;
    void (async () => {
      try {
        const response = await fetch(`/evidence/${encodeURIComponent(evidenceId)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
        if (!response.ok) {
          const body = (await response.json().catch(() => null)) as { error?: ApiError } | null;
          if (current) setState({ url: null, error: body?.error ?? { code: 'UNAVAILABLE', message: `The file could not be read (HTTP ${response.status}).` } });
          return;
        }
        const blob = await response.blob();
        if (!current) return;
        url = URL.createObjectURL(blob);
        setState({ url, error: null });
      } catch {
        if (current) setState({ url: null, error: { code: 'UNAVAILABLE', message: 'The file could not be read: the dispute service cannot be reached.' } });
      }
    })();
    return () => {
      current = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [evidenceId, wanted]);
  return state;
}

const isImage = (item: Item) => item.contentType?.startsWith('image/') ?? (item.kind === 'PHOTO' || item.kind === 'SCREENSHOT');
const isVideo = (item: Item) => item.contentType?.startsWith('video/') ?? item.kind === 'VIDEO';
const isPdf = (item: Item) => item.contentType === 'application/pdf';

function Preview({ item, mayView }: { item: Item; mayView: boolean }) {
  // Images show at once; a PDF or a video is fetched when the mediator asks to view it.
  const [opened, setOpened] = useState(isImage(item));
  const file = useEvidenceFile(item.evidenceId, opened && mayView);
  const label = item.description ?? `${item.kind.toLowerCase()} ${item.evidenceId}`;
  if (!mayView) return <p className="hint">Claim the case to view the file.</p>;
  if (!opened) {
    return (
      <button type="button" className="quiet" onClick={() => setOpened(true)}>
        View {isPdf(item) ? 'PDF' : isVideo(item) ? 'video' : 'file'}
        <span className="visually-hidden"> {label}</span>
      </button>
    );
  }
  if (file.error) return <ErrorNote error={file.error} />;
  if (!file.url) return <Loading what="the file" />;
  if (isImage(item)) return <img className="evidence-image" src={file.url} alt={`Evidence: ${label}`} />;
  if (isVideo(item)) return <video className="evidence-video" src={file.url} controls aria-label={`Evidence: ${label}`} />;
  if (isPdf(item)) return <iframe className="evidence-pdf" src={file.url} title={`Evidence: ${label}`} />;
  return (
    <a href={file.url} download={item.evidenceId}>
      Download {label}
    </a>
  );
}

const size = (bytes: number | null | undefined): string => (bytes === null || bytes === undefined ? '' : bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`);

/**
 * Whether the files themselves may be downloaded: by the mediator holding the case or who ruled
 * on it (libs/domain/src/visibility.ts canReadEvidence); a mediator who could merely claim the
 * case sees the list, not the files.
 */
function mayViewFiles(dispute: CaseDispute): boolean {
  const me = currentSession()?.accountId;
  return me !== undefined && [dispute.mediation?.mediatorId, dispute.decision?.mediatorId, dispute.appeal?.decidedBy].includes(me);
}

/** Every file cited in the case, with a preview and the facts that make it checkable. */
export function CaseEvidence({ dispute }: { dispute: CaseDispute }) {
  const evidence = dispute.evidence;
  const mayView = mayViewFiles(dispute);
  return (
    <section className="panel" aria-labelledby="evidence">
      <h2 id="evidence">Evidence</h2>
      {evidence.length === 0 ? (
        <Empty>No evidence was cited.</Empty>
      ) : (
        <ul className="evidence-list">
          {evidence.map((item) => (
            <li key={item.evidenceId} className="evidence-item" data-evidence-id={item.evidenceId}>
              <Preview item={item} mayView={mayView} />
              <div className="evidence-facts">
                <p>
                  <strong>{item.description ?? item.kind.toLowerCase()}</strong> <span className="badge">{item.kind}</span>
                </p>
                <p>
                  Added by {item.addedBy.toLowerCase()} · {dateTime(item.addedAt)}
                  {item.contentType ? ` · ${item.contentType}` : ''} {size(item.sizeBytes)}
                </p>
                <p>
                  sha256 <code className="sha256">{item.sha256}</code>
                </p>
                <p className="hint mono">{item.evidenceId}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
