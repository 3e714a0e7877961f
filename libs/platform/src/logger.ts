import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

/** Correlation fields carried by every log line written while handling one request or task. */
export interface LogContext {
  requestId?: string;
  disputeId?: string;
  workflowId?: string;
}

const context = new AsyncLocalStorage<LogContext>();

export function withLogContext<T>(fields: LogContext, run: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, run);
}

/** Adds fields (e.g. the dispute id once a resolver knows it) to the current request's context. */
export function addLogContext(fields: LogContext): void {
  const store = context.getStore();
  if (store) Object.assign(store, fields);
}

/**
 * Lines go to stdout asynchronously: lines logged while a write is in flight leave in the next
 * single write, instead of one blocking write each (about 5 % of the API's CPU per command was
 * logging, docs/performance.md). Nothing waits for a fuller buffer, so a quiet service's line
 * appears at once; pino flushes what is pending when the process exits.
 */
export function createLogger(service: string, level: string): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ ...context.getStore() }),
    },
    pino.destination({ dest: 1, sync: false }),
  );
}
