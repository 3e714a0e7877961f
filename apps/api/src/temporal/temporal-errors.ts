import { ApplicationFailure, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { RejectionCode } from '../../../../libs/domain/src';
import { ApiError, DOMAIN_CODES } from '../graphql/errors';

/** Turns a refused or failed Temporal Update into the error the caller sees. */
export function toApiError(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const failure = error.cause;
    if (failure.type && DOMAIN_CODES.includes(failure.type as RejectionCode)) {
      const detail = failure.details?.[0] as { field?: string } | undefined;
      return new ApiError(failure.type as RejectionCode, failure.message, detail?.field);
    }
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new ApiError('UNAVAILABLE', 'The dispute service did not answer in time. Retry with the same idempotencyKey; it will not be applied twice.');
  }
  return error;
}
