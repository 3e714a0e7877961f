// The citation rule: a command may cite only files its author uploaded, with their real bytes.
// The core does no I/O, so whoever sends a command (the API, the workflow's signal path) looks
// the cited ids up in the upload catalog and hands the facts to decide; the rule is here.
import type { DisputeCommandType } from './commands';
import type { Actor, EvidenceKind } from './types';
import { MAX_ID_LENGTH, isRecord } from './records';

/** What the upload catalog knows of a file: recorded at upload, from the bytes themselves. */
export interface UploadedFile {
  evidenceId: string;
  sha256: string;
  sizeBytes: number;
  /** Detected from the file's first bytes at upload, never from its name or a declared type. */
  contentType: string;
  uploader: Actor;
}

/**
 * Which detected content types each declared kind may be (docs/api.md, "Citing evidence").
 * A photo or a screenshot is an image; a video is a video; a document is a PDF; a chat log or
 * a tracking page may be an export (PDF) or a picture of the screen.
 */
const IMAGES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export const KIND_CONTENT_TYPES: Record<EvidenceKind, readonly string[]> = {
  PHOTO: IMAGES,
  SCREENSHOT: IMAGES,
  VIDEO: ['video/mp4'],
  DOCUMENT: ['application/pdf'],
  CHAT_LOG: ['application/pdf', ...IMAGES],
  TRACKING: ['application/pdf', ...IMAGES],
};

export const kindFits = (kind: EvidenceKind, contentType: string): boolean => KIND_CONTENT_TYPES[kind].includes(contentType);

/**
 * Where each command carries the files it cites. Every command type must say (a new one does
 * not compile until it does), so no command can cite files past the rule.
 */
const EVIDENCE_FIELD: Record<DisputeCommandType, 'evidence' | null> = {
  OpenDispute: 'evidence',
  RespondToDispute: 'evidence',
  PostMessage: null,
  AddEvidence: 'evidence',
  MakeOffer: null,
  AcceptOffer: null,
  RejectOffer: null,
  EscalateDispute: null,
  WithdrawDispute: null,
  ClaimCase: null,
  RequestInformation: null,
  AnswerInformationRequest: 'evidence',
  // A ruling cites ids of the case file (already checked when they were added), not uploads.
  IssueDecision: null,
  FileAppeal: 'evidence',
  DecideAppeal: null,
  MarkReturnShipped: null,
  ConfirmReturnReceived: null,
  ContestReturn: 'evidence',
  RequestRefund: null,
  RecordRefundSucceeded: null,
  RecordRefundFailed: null,
  SellerResponseWindowElapsed: null,
  NegotiationWindowElapsed: null,
  MediationSlaElapsed: null,
  InformationRequestElapsed: null,
  AppealWindowElapsed: null,
  ReturnShipmentWindowElapsed: null,
  ReturnReceiptWindowElapsed: null,
  MarkReplacementShipped: null,
  ConfirmReplacementReceived: null,
  ReportReplacementProblem: 'evidence',
  ReplacementShipmentWindowElapsed: null,
  ReplacementConfirmationWindowElapsed: null,
  ConcedeDispute: null,
  ReleaseCase: null,
  ReassignCase: null,
  ExtendDeadline: null,
  RetryRefund: null,
};

/** More ids than any party may cite at once; a longer list is refused by the quota anyway. */
const MAX_LOOKUP = 100;

/**
 * The evidence ids a command cites, as sent (untrusted: anything that is not an id string is
 * skipped; decide refuses it). The caller looks these up in the catalog before deciding.
 */
export function citedEvidenceIds(command: { type: string; data?: unknown }): string[] {
  const field = (EVIDENCE_FIELD as Record<string, 'evidence' | null | undefined>)[command.type];
  if (!field || !isRecord(command.data)) return [];
  const list = command.data[field];
  if (!Array.isArray(list)) return [];
  const ids = new Set<string>();
  for (const item of list.slice(0, MAX_LOOKUP)) {
    if (isRecord(item) && typeof item.evidenceId === 'string' && item.evidenceId.length > 0 && item.evidenceId.length <= MAX_ID_LENGTH) ids.add(item.evidenceId);
  }
  return [...ids];
}

/** The file the catalog holds under `evidenceId`, if the caller looked one up (entries that are not records count as none). */
export function uploadedFile(files: readonly UploadedFile[], evidenceId: string): UploadedFile | null {
  return files.find((file) => isRecord(file) && file.evidenceId === evidenceId) ?? null;
}

export const isUploader = (file: UploadedFile, actor: Actor): boolean => isRecord(file.uploader) && file.uploader.role === actor.role && file.uploader.id === actor.id;
