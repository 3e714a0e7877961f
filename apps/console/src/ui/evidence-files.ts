// The files a person attaches to one command (an opening, an appeal, a contested return): each
// is uploaded as soon as it is added, and checked as a list by the domain's own citation rule so
// a repeat is refused with the sentence the API would answer.
import { useCallback, useEffect, useRef, useState } from 'react';
import { KIND_CONTENT_TYPES, kindFits } from '../../../../libs/domain/src/citations';
import type { EvidenceRecord } from '../../../../libs/domain/src/state';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../../../libs/domain/src/types';
import { readEvidence } from '../../../../libs/domain/src/validate';
import type { ApiError } from '../api/client';
import { uploadEvidenceFile, type UploadedEvidence, type UploadHandle } from './evidence-upload-request';

/** The API's default EVIDENCE_MAX_BYTES (docs/api.md); a deployment with another limit still answers its own 413 sentence. */
export const DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** Every content type some evidence kind may be (the upload endpoint accepts exactly these). */
export const ACCEPTED_CONTENT_TYPES: readonly string[] = [...new Set(Object.values(KIND_CONTENT_TYPES).flat())];

export interface EvidenceFile {
  key: string;
  name: string;
  sizeBytes: number;
  /** The browser's guess from the name; the API decides from the bytes. */
  declaredType: string;
  /** A blob: URL for images (the CSP allows blob: images), revoked when the file is removed. */
  previewUrl: string | null;
  /** 0 to 1. */
  progress: number;
  state: 'uploading' | 'uploaded' | 'refused';
  uploaded: UploadedEvidence | null;
  kind: EvidenceKind | null;
  refusal: ApiError | null;
}

export interface Citation {
  evidenceId: string;
  sha256: string;
  kind: EvidenceKind;
}

export interface EvidenceRulesForList {
  /** Files already in the case file (any party): citing one again is a repeat. */
  existing?: readonly { evidenceId: string; sha256: string }[];
  /** The policy's per-party limit and how many more this party may add. */
  limit: number;
  remaining: number;
  maxBytes?: number;
}

export const megabytes = (bytes: number): string => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);

/** The kind a file is cited as unless the person picks another: the first kind its detected type fits. */
const defaultKind = (contentType: string): EvidenceKind | null => EVIDENCE_KINDS.find((kind) => kindFits(kind, contentType)) ?? null;

/** Refusals known before sending a byte: the type the browser sees and the size. */
function refusedBeforeUpload(file: File, maxBytes: number): ApiError | null {
  if (file.type !== '' && !ACCEPTED_CONTENT_TYPES.includes(file.type)) {
    return { code: 'VALIDATION', message: `This file type (${file.type}) is not accepted; send a PNG, JPEG, GIF or WebP image, a PDF or an MP4 video.` };
  }
  if (file.size > maxBytes) return { code: 'VALIDATION', message: `The file is ${megabytes(file.size)}; files up to ${megabytes(maxBytes)} (${maxBytes} bytes) are accepted.` };
  return null;
}

/** The files ready to cite, in the order they were added. */
export const citationsOf = (files: readonly EvidenceFile[]): Citation[] =>
  files.filter((file) => file.state === 'uploaded' && file.uploaded && file.kind).map((file) => ({ evidenceId: file.uploaded!.evidenceId, sha256: file.uploaded!.sha256, kind: file.kind! }));

/**
 * Runs the domain's readEvidence over the uploaded files and marks the first one it refuses
 * (a repeat, or one past the quota), until the rest pass: the sentence is the API's own.
 */
function checkedAsList(files: EvidenceFile[], rules: EvidenceRulesForList): EvidenceFile[] {
  // Only the hash and id of existing items are read by the repeat rule.
  const existing = (rules.existing ?? []).map((item) => ({ ...item, kind: 'PHOTO', description: null, addedBy: 'BUYER', addedAt: '' }) as EvidenceRecord);
  let current = files;
  for (;;) {
    const cited = current.filter((file) => file.state === 'uploaded' && file.uploaded);
    const raw = cited.map((file) => ({ evidenceId: file.uploaded!.evidenceId, sha256: file.uploaded!.sha256, kind: file.kind ?? 'PHOTO' }));
    const result = readEvidence(raw, 'evidence', { min: 0, existing, limit: rules.limit, remaining: rules.remaining, what: 'This list', author: { role: 'BUYER', id: '' }, files: [], unchecked: true });
    if (result.ok) return current;
    const index = /^evidence\[(\d+)\]/.exec(result.rejection.field ?? '')?.[1];
    // A refusal of the whole list (the quota) falls on the last file added: removing it is the fix.
    const culprit = cited[index === undefined ? cited.length - 1 : Number(index)]!;
    current = current.map((file) => (file.key === culprit.key ? { ...file, state: 'refused', refusal: result.rejection } : file));
  }
}

export interface EvidenceList {
  files: EvidenceFile[];
  add: (chosen: readonly File[]) => void;
  remove: (key: string) => void;
  setKind: (key: string, kind: EvidenceKind) => void;
  /** Puts an API refusal naming `evidence[i]` on the i-th cited file; false when it names no file. */
  refuse: (error: ApiError) => boolean;
  /** True while a file is still on its way. */
  busy: boolean;
}

/** Owns the files and their uploads for as long as the form using them is on screen. */
export function useEvidenceFiles(rules: EvidenceRulesForList): EvidenceList {
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const uploads = useRef(new Map<string, UploadHandle>());
  const previews = useRef(new Set<string>());
  const rulesRef = useRef(rules);
  rulesRef.current = rules;

  useEffect(
    () => () => {
      for (const upload of uploads.current.values()) upload.cancel();
      for (const url of previews.current) URL.revokeObjectURL(url);
    },
    [],
  );

  const add = useCallback((chosen: readonly File[]) => {
    const maxBytes = rulesRef.current.maxBytes ?? DEFAULT_EVIDENCE_MAX_BYTES;
    const added = chosen.map((file): EvidenceFile & { file: File } => {
      const refusal = refusedBeforeUpload(file, maxBytes);
      const previewUrl = !refusal && file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
      if (previewUrl) previews.current.add(previewUrl);
      return { file, key: crypto.randomUUID(), name: file.name, sizeBytes: file.size, declaredType: file.type, previewUrl, progress: 0, state: refusal ? 'refused' : 'uploading', uploaded: null, kind: null, refusal };
    });
    setFiles((current) => [...current, ...added.map(({ file: _file, ...entry }) => entry)]);
    for (const entry of added.filter((candidate) => candidate.state === 'uploading')) {
      const update = (change: (file: EvidenceFile) => EvidenceFile) => setFiles((current) => current.map((file) => (file.key === entry.key ? change(file) : file)));
      const upload = uploadEvidenceFile(entry.file, (progress) => update((file) => ({ ...file, progress })));
      uploads.current.set(entry.key, upload);
      void upload.done.then((result) => {
        uploads.current.delete(entry.key);
        if (!result.ok) return update((file) => ({ ...file, state: 'refused', refusal: result.error }));
        setFiles((current) =>
          checkedAsList(
            current.map((file) => (file.key === entry.key ? { ...file, state: 'uploaded', progress: 1, uploaded: result.file, kind: defaultKind(result.file.contentType) } : file)),
            rulesRef.current,
          ),
        );
      });
    }
  }, []);

  const remove = useCallback((key: string) => {
    uploads.current.get(key)?.cancel();
    setFiles((current) => {
      const gone = current.find((file) => file.key === key);
      if (gone?.previewUrl) {
        URL.revokeObjectURL(gone.previewUrl);
        previews.current.delete(gone.previewUrl);
      }
      return current.filter((file) => file.key !== key);
    });
  }, []);

  const setKind = useCallback((key: string, kind: EvidenceKind) => setFiles((current) => current.map((file) => (file.key === key ? { ...file, kind, refusal: null } : file))), []);

  const refuse = useCallback(
    (error: ApiError) => {
      const index = /^evidence\[(\d+)\]/.exec(error.field ?? '')?.[1];
      const cited = files.filter((file) => file.state === 'uploaded' && file.uploaded && file.kind);
      const target = index === undefined ? undefined : cited[Number(index)];
      if (!target) return false;
      setFiles((current) => current.map((file) => (file.key === target.key ? { ...file, refusal: error } : file)));
      return true;
    },
    [files],
  );

  return { files, add, remove, setKind, refuse, busy: files.some((file) => file.state === 'uploading') };
}
