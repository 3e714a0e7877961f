// POST /evidence by XMLHttpRequest, not fetch: only XHR reports upload progress, and a person
// sending a video over a slow line needs to see that it moves (docs/api.md, "Evidence files").
import type { ApiError } from '../api/client';
import { currentSession, endSession } from '../api/session';

/** What the upload endpoint answers on 201: the id and hash a mutation cites, from the bytes themselves. */
export interface UploadedEvidence {
  evidenceId: string;
  sha256: string;
  sizeBytes: number;
  contentType: string;
}

export interface UploadHandle {
  done: Promise<{ ok: true; file: UploadedEvidence } | { ok: false; error: ApiError }>;
  cancel: () => void;
}

const LOST: ApiError = { code: 'UNAVAILABLE', message: 'The upload was interrupted: the dispute service could not be reached. Remove the file and add it again.' };

export function uploadEvidenceFile(file: File, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Awaited<UploadHandle['done']>>((resolve) => {
    xhr.open('POST', '/evidence');
    const token = currentSession()?.token;
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = xhr.response as (Partial<UploadedEvidence> & { error?: ApiError }) | null;
      if (xhr.status === 201 && body?.evidenceId && body.sha256 && body.contentType && typeof body.sizeBytes === 'number') {
        onProgress(1);
        resolve({ ok: true, file: { evidenceId: body.evidenceId, sha256: body.sha256, sizeBytes: body.sizeBytes, contentType: body.contentType } });
        return;
      }
      const error = body?.error ?? { code: 'INTERNAL', message: `The upload was refused (HTTP ${xhr.status}) without a reason.` };
      if (error.code === 'UNAUTHENTICATED') endSession(error.message);
      resolve({ ok: false, error });
    };
    xhr.onerror = () => resolve({ ok: false, error: LOST });
    xhr.onabort = () => resolve({ ok: false, error: { code: 'CANCELLED', message: 'The upload was cancelled.' } });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, cancel: () => xhr.abort() };
}
