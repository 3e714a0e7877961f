import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DOMAIN_CODES } from './errors';
import { OUTAGE_MESSAGE, isOutage } from './outage';

const API_CODES = new Set<string>([...DOMAIN_CODES, 'UNAUTHENTICATED', 'RATE_LIMITED', 'UNAVAILABLE']);
// Apollo's own codes for documents or variables that do not fit the schema.
const INPUT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST']);

/**
 * graphql-js stops coercing a request's variables after 50 errors and adds one of its own,
 * without a code; it is bad input like the 50 before it.
 */
const isVariableErrorLimit = (thrown: unknown): boolean =>
  thrown instanceof GraphQLError && thrown.originalError === undefined && thrown.path === undefined && /^Too many errors processing variables/.test(thrown.message);
const VARIABLE_ERROR_LIMIT_MESSAGE = 'The variables hold too many invalid values; the first ones are reported above. Correct them and send the request again.';

/**
 * The stable code a client sees for an error's raw code (ours, Apollo's, or none) and, for an
 * error without one, what was thrown: an unreachable database or Temporal is UNAVAILABLE.
 */
export function publicCode(rawCode: unknown, thrown?: unknown): string {
  const code = String(rawCode ?? 'INTERNAL');
  if (API_CODES.has(code)) return code;
  if (INPUT_CODES.has(code) || isVariableErrorLimit(thrown)) return 'VALIDATION';
  return isOutage(thrown) ? 'UNAVAILABLE' : 'INTERNAL';
}

/**
 * Every error leaves with one of our stable codes. Unexpected errors keep their message
 * only outside production, and never a stack trace there.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, thrown?: unknown): GraphQLFormattedError => {
    const raw = String(formatted.extensions?.code ?? 'INTERNAL');
    const code = publicCode(raw, unwrapResolverError(thrown));
    if (API_CODES.has(raw)) {
      const field = formatted.extensions?.field;
      return { message: formatted.message, path: formatted.path, extensions: { code, ...(field === undefined ? {} : { field }) } };
    }
    if (code === 'UNAVAILABLE') return { message: OUTAGE_MESSAGE, path: formatted.path, extensions: { code } };
    if (code === 'VALIDATION') {
      return { message: isVariableErrorLimit(unwrapResolverError(thrown)) ? VARIABLE_ERROR_LIMIT_MESSAGE : formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    return {
      message: production ? 'Something went wrong on our side. Retrying with the same idempotencyKey is safe: a command is never applied twice.' : formatted.message,
      path: formatted.path,
      extensions: { code, ...(production ? {} : { stacktrace: formatted.extensions?.stacktrace }) },
    };
  };
}
