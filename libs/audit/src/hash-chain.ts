import { createHash } from 'node:crypto';

/** The hash the first event of every dispute chains from. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a recorded event that its hash covers (everything but the storage position and recording time). */
export interface HashedEventFields {
  disputeId: string;
  sequence: number;
  type: string;
  payload: unknown;
  actor: { role: string; id: string };
  occurredAt: string;
  commandId: string | null;
  schemaVersion: number;
  previousHash: string;
}

/**
 * JSON with object keys in sorted order at every depth, so the same event always
 * serialises to the same bytes whatever order its keys were built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('Non-finite numbers cannot be hashed.');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export function eventHash(fields: HashedEventFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}
