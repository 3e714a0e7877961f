import { tokenFor } from '../../support/api';
import type { Role } from '../../../libs/domain/src';

/** Codes a client may retry with the same idempotency key: the command may or may not have been applied. */
export const RETRYABLE_CODES = new Set(['UNAVAILABLE', 'RATE_LIMITED']);

export interface DisputeView {
  id: string;
  status: string;
  version: number;
}

/** What went wrong on the way, by kind, across all operations (for the test's report and assertions). */
export interface RetryLog {
  operations: number;
  attempts: number;
  /** Retryable GraphQL error codes seen, by code. */
  codes: Record<string, number>;
  /** Transport failures: refused or reset connections, timeouts, non-JSON answers. */
  transport: number;
}

export class CommandRejected extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client app that retries safely: every mutation carries an idempotency key, and whenever
 * the answer does not say what happened (connection refused or cut, timeout, UNAVAILABLE) it
 * sends the same mutation with the same key again, to the next API instance that it knows of,
 * until it gets a definite answer. A definite refusal (a domain code) is thrown: the fault
 * tests' scripts are valid, so a refusal means an effect was lost or applied twice.
 */
export class ResilientClient {
  readonly log: RetryLog = { operations: 0, attempts: 0, codes: {}, transport: 0 };
  /** Requests sent and not yet answered, right now. */
  inFlight = 0;
  private next = 0;

  constructor(
    private readonly apiUrls: () => string[],
    private readonly giveUpAfterMs = 150_000,
  ) {}

  async mutate(role: Role, account: string, mutation: string, input: Record<string, unknown>): Promise<DisputeView> {
    const { token, body } = await this.request(role, account, mutation, input);
    const giveUpAt = Date.now() + this.giveUpAfterMs;
    this.log.operations += 1;
    for (let attempt = 0; ; attempt += 1) {
      this.log.attempts += 1;
      const urls = this.apiUrls();
      const url = urls[this.next++ % urls.length];
      const outcome = await this.attempt(url, token, body);
      if ('data' in outcome) return outcome.data[mutation] as DisputeView;
      if ('refused' in outcome) throw new CommandRejected(`${mutation} ${JSON.stringify(input)} was refused: ${outcome.refused}`);
      if (Date.now() > giveUpAt) throw new Error(`${mutation} with key ${String(input.idempotencyKey)} got no definite answer within ${this.giveUpAfterMs} ms; last: ${outcome.retry}`);
      await sleep(Math.min(2_000, 100 * 2 ** attempt));
    }
  }

  /**
   * Sends `mutation` once, to the first API instance, and says what came back, without retrying.
   * A retryable answer is logged like any other, so a probe sent while a dependency is known to be
   * away makes the fault visible in the log whatever the load's own timing was.
   */
  async once(role: Role, account: string, mutation: string, input: Record<string, unknown>): Promise<{ data: Record<string, unknown> } | { retry: string } | { refused: string }> {
    const { token, body } = await this.request(role, account, mutation, input);
    this.log.operations += 1;
    this.log.attempts += 1;
    return this.attempt(this.apiUrls()[0], token, body);
  }

  private async request(role: Role, account: string, mutation: string, input: Record<string, unknown>): Promise<{ token: string; body: string }> {
    const token = await tokenFor(role, account);
    const query = `mutation Run($input: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { id status version } }`;
    return { token, body: JSON.stringify({ query, variables: { input } }) };
  }

  private async attempt(url: string, token: string, body: string): Promise<{ data: Record<string, unknown> } | { retry: string } | { refused: string }> {
    let response: Response;
    let text: string;
    this.inFlight += 1;
    try {
      response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        signal: AbortSignal.timeout(45_000),
      });
      text = await response.text();
    } catch (error) {
      this.log.transport += 1;
      return { retry: `transport: ${String((error as Error).cause ?? error)}` };
    } finally {
      this.inFlight -= 1;
    }
    let parsed: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      parsed = JSON.parse(text);
    } catch {
      this.log.transport += 1;
      return { retry: `HTTP ${response.status}, not JSON: ${text.slice(0, 200)}` };
    }
    const error = parsed.errors?.[0];
    if (!error && parsed.data) return { data: parsed.data };
    const code = error?.extensions?.code ?? `HTTP ${response.status}`;
    if (RETRYABLE_CODES.has(code)) {
      this.log.codes[code] = (this.log.codes[code] ?? 0) + 1;
      return { retry: `${code}: ${error?.message}` };
    }
    return { refused: `${code}: ${error?.message}` };
  }
}
