import type { GraphQLFormattedError } from 'graphql';
import { DOMAIN_CODES } from './errors';

const API_CODES = new Set<string>([...DOMAIN_CODES, 'UNAUTHENTICATED', 'RATE_LIMITED', 'UNAVAILABLE']);
// Apollo's own codes for documents or variables that do not fit the schema.
const INPUT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST']);

/** The stable code a client sees for an error's raw code (ours, Apollo's, or none). */
export function publicCode(rawCode: unknown): string {
  const code = String(rawCode ?? 'INTERNAL');
  if (API_CODES.has(code)) return code;
  return INPUT_CODES.has(code) ? 'VALIDATION' : 'INTERNAL';
}

/**
 * Every error leaves with one of our stable codes. Unexpected errors keep their message
 * only outside production, and never a stack trace there.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const raw = String(formatted.extensions?.code ?? 'INTERNAL');
    const code = publicCode(raw);
    if (API_CODES.has(raw)) {
      const field = formatted.extensions?.field;
      return { message: formatted.message, path: formatted.path, extensions: { code, ...(field === undefined ? {} : { field }) } };
    }
    if (code === 'VALIDATION') {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    return {
      message: production ? 'Something went wrong on our side; the request was not applied. Try again later.' : formatted.message,
      path: formatted.path,
      extensions: { code, ...(production ? {} : { stacktrace: formatted.extensions?.stacktrace }) },
    };
  };
}
