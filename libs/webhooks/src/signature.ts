import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a delivery is signed and checked: the sender (apps/worker) and receivers share this module,
 * so the tests verify real deliveries with the very code docs/operating.md shows.
 *
 * `x-dispute-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>[,v1=<...>]`,
 * Stripe's format: one `v1` per valid secret, the current secret's first. After a rotation, for
 * the grace period, a delivery carries two `v1` entries (new, then old); a receiver accepts it
 * when any `v1` matches a secret it holds, so it can switch secrets at any time within the grace.
 */
export const SIGNATURE_HEADER = 'x-dispute-signature';
export const DELIVERY_ID_HEADER = 'x-dispute-delivery-id';

/** How old a signature's timestamp may be before a receiver should refuse it as a replay. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, timestamp: number, body: string): string => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** The header value for a body sent at `timestamp` (unix seconds), signed with each secret in order. */
export function signWebhook(secrets: readonly string[], timestamp: number, body: string): string {
  if (secrets.length === 0) throw new Error('a webhook is signed with at least one secret');
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${hmac(secret, timestamp, body)}`)].join(',');
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: string };

export interface VerifyOptions {
  /** The raw body exactly as received (not re-serialised JSON). */
  body: string;
  /** The `x-dispute-signature` header. */
  header: string | string[] | undefined;
  /** The secrets the receiver holds (one, or two while it moves to a rotated one). */
  secrets: readonly string[];
  /** The receiver's clock, unix seconds; defaults to now. */
  nowSeconds?: number;
  toleranceSeconds?: number;
}

/** A receiver's check: a `v1` entry matches one of its secrets, and the timestamp is recent. */
export function verifyWebhook(options: VerifyOptions): VerifyResult {
  const header = Array.isArray(options.header) ? options.header[0] : options.header;
  if (!header) return { ok: false, reason: `no ${SIGNATURE_HEADER} header` };
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamps = parts.filter(([key]) => key === 't').map(([, value]) => value);
  if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamps[0])) return { ok: false, reason: 'the signature has no single t=<unix seconds>' };
  const timestamp = Number(timestamps[0]);
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return { ok: false, reason: 'the signature timestamp is outside the tolerance (a replay, or a clock off)' };
  const signatures = parts.filter(([key, value]) => key === 'v1' && /^[0-9a-f]{64}$/.test(value ?? '')).map(([, value]) => Buffer.from(value, 'hex'));
  if (signatures.length === 0) return { ok: false, reason: 'the signature has no v1 entry' };
  const matches = options.secrets.some((secret) => {
    const expected = Buffer.from(hmac(secret, timestamp, options.body), 'hex');
    return signatures.some((signature) => timingSafeEqual(signature, expected));
  });
  return matches ? { ok: true, timestamp } : { ok: false, reason: 'no v1 signature matches a secret you hold' };
}
