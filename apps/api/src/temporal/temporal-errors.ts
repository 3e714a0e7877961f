import type { RejectionCode } from '../../../../libs/domain/src';
import { isUnansweredUpdate, updateRefusal } from '../../../../libs/contracts/src/update-errors';
import { ApiError, DOMAIN_CODES } from '../graphql/errors';

/** Turns a refused or failed Temporal Update into the error the caller sees. */
export function toApiError(error: unknown): unknown {
  const failure = updateRefusal(error);
  if (failure?.type && DOMAIN_CODES.includes(failure.type as RejectionCode)) {
    const detail = failure.details?.[0] as { field?: string } | undefined;
    return new ApiError(failure.type as RejectionCode, failure.message, detail?.field);
  }
  if (isUnansweredUpdate(error)) {
    return new ApiError('UNAVAILABLE', 'The dispute service did not answer in time. Retry with the same idempotencyKey; it will not be applied twice.');
  }
  return error;
}
