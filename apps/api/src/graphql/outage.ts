// What a failed dependency looks like from inside a resolver. When PostgreSQL or Temporal cannot
// be reached, the caller did nothing wrong and the command may or may not have been applied: the
// answer must be UNAVAILABLE ("retry with the same idempotencyKey"), not INTERNAL ("not applied").

/** Socket errors of a server that is down, restarting or unreachable. */
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
/** PostgreSQL SQLSTATEs for "cannot serve now": connection exceptions (class 08), shutdown or crash (57P01–57P03), too many connections. */
const POSTGRES_UNAVAILABLE = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;
/** node-postgres reports a dropped or never-made connection with these messages and no code. */
const POSTGRES_CLIENT_MESSAGES = /connection terminated|timeout exceeded when trying to connect|connection timeout|client has encountered a connection error|cannot use a pool after calling end/i;
/** gRPC status codes of a Temporal frontend that is unreachable (14) or did not answer in time (4). */
const GRPC_UNAVAILABLE = new Set([4, 14]);

/** True when `error` (or anything it wraps) says a dependency was unreachable, not that the request was wrong. */
export function isOutage(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 6) return false;
  const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
  if (typeof code === 'string' && (CONNECTION_ERRNOS.has(code) || POSTGRES_UNAVAILABLE.test(code))) return true;
  // A gRPC status error carries a numeric code and a `details` text.
  if (typeof code === 'number' && typeof details === 'string' && GRPC_UNAVAILABLE.has(code)) return true;
  if (typeof message === 'string' && POSTGRES_CLIENT_MESSAGES.test(message)) return true;
  const { cause, originalError, driverError, errors } = error as { cause?: unknown; originalError?: unknown; driverError?: unknown; errors?: unknown };
  return [cause, originalError, driverError, ...(Array.isArray(errors) ? errors : [])].some((inner) => inner !== error && isOutage(inner, depth + 1));
}

export const OUTAGE_MESSAGE = 'The dispute service is briefly unavailable. Retry with the same idempotencyKey; a command is never applied twice.';
