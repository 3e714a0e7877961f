import { createHash } from 'node:crypto';

const NAMESPACE = 'c6a3f0e2-5b7d-4e1a-9f3c-2d8b7a6e4f10';

/**
 * The n-th dispute of an order always gets the same id (a name-based UUID, RFC 9562 v5).
 * Two concurrent "open" requests for one order therefore address the same workflow, and
 * Temporal's one-run-per-workflow-id guarantee enforces "one active dispute per order".
 */
export function disputeIdFor(orderId: string, ordinal: number): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex'))
    .update(`${orderId}#${ordinal}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
