import { GraphQLError } from 'graphql';
import type { Rejection, RejectionCode } from '../../../../libs/domain/src';

/** Codes a client can rely on: the domain's rejections plus the API's own. */
export type ErrorCode = RejectionCode | 'UNAUTHENTICATED' | 'RATE_LIMITED' | 'UNAVAILABLE' | 'INTERNAL';

export const DOMAIN_CODES: readonly RejectionCode[] = ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE', 'DEADLINE_PASSED', 'VALIDATION', 'CONFLICT'];

/** A refusal the caller can act on: a stable code, a sentence, and the input field at fault if any. */
export class ApiError extends GraphQLError {
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message, { extensions: { code, ...(field === undefined ? {} : { field }) } });
  }
}

/** The domain's refusal of a command, as the caller sees it. */
export const rejectionError = (rejection: Rejection): ApiError => new ApiError(rejection.code, rejection.message, rejection.field);

export const unauthenticated = () => new ApiError('UNAUTHENTICATED', 'Sign in: send a valid bearer token in the Authorization header.');
