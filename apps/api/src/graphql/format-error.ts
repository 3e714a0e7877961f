import type { GraphQLFormattedError } from 'graphql';
import { DOMAIN_CODES } from './errors';

const API_CODES = new Set<string>([...DOMAIN_CODES, 'UNAUTHENTICATED', 'RATE_LIMITED', 'UNAVAILABLE']);
// Apollo's own codes for documents or variables that do not fit the schema.
const INPUT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST']);

/**
 * Every error leaves with one of our stable codes. Unexpected errors keep their message
 * only outside production, and never a stack trace there.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? 'INTERNAL');
    if (API_CODES.has(code)) {
      const field = formatted.extensions?.field;
      return { message: formatted.message, path: formatted.path, extensions: { code, ...(field === undefined ? {} : { field }) } };
    }
    if (INPUT_CODES.has(code)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'VALIDATION' } };
    }
    return {
      message: production ? 'Something went wrong on our side; the request was not applied. Try again later.' : formatted.message,
      path: formatted.path,
      extensions: { code: 'INTERNAL', ...(production ? {} : { stacktrace: formatted.extensions?.stacktrace }) },
    };
  };
}
