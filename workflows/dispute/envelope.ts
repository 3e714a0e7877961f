import { ApplicationFailure } from '@temporalio/workflow';
import type { CommandEnvelope } from '../../libs/contracts/src';
import { COMMAND_TYPES, ROLES, type Rejection, type UploadedFile } from '../../libs/domain/src';

/**
 * Updates and signals can be sent by hand (the temporal CLI), so their outer shape is checked
 * before the domain sees them; the domain then checks the data.
 */
export function isCommandEnvelope(value: unknown): value is CommandEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const { command, commandId, evidenceFiles } = value as { command?: unknown; commandId?: unknown; evidenceFiles?: unknown };
  if (typeof commandId !== 'string' || commandId.length === 0 || commandId.length > 300) return false;
  if (evidenceFiles !== undefined && !(Array.isArray(evidenceFiles) && evidenceFiles.every(isUploadedFile))) return false;
  if (typeof command !== 'object' || command === null) return false;
  const { type, actor, data } = command as { type?: unknown; actor?: unknown; data?: unknown };
  if (typeof type !== 'string' || !(COMMAND_TYPES as readonly string[]).includes(type)) return false;
  if (typeof data !== 'object' || data === null) return false;
  if (typeof actor !== 'object' || actor === null) return false;
  const { role, id } = actor as { role?: unknown; id?: unknown };
  return typeof role === 'string' && (ROLES as readonly string[]).includes(role) && typeof id === 'string' && id.length > 0 && id.length <= 200;
}

function isUploadedFile(value: unknown): value is UploadedFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Record<string, unknown>;
  const uploader = file.uploader as Record<string, unknown> | null | undefined;
  return (
    typeof file.evidenceId === 'string' &&
    typeof file.sha256 === 'string' &&
    typeof file.sizeBytes === 'number' &&
    typeof file.contentType === 'string' &&
    typeof uploader === 'object' &&
    uploader !== null &&
    typeof uploader.role === 'string' &&
    typeof uploader.id === 'string'
  );
}

/** A domain refusal as the Update's (or signal's) failure: its type is the domain's code, its details the field. */
export function rejectionFailure(rejection: Rejection): ApplicationFailure {
  return ApplicationFailure.create({
    type: rejection.code,
    message: rejection.message,
    nonRetryable: true,
    details: rejection.field === undefined ? [] : [{ field: rejection.field }],
  });
}
