import * as crypto from 'node:crypto';

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
 *
 * The output is a stable contract: every stored hash was computed from it. The rules are
 * those of JSON.stringify, except that object keys are sorted by UTF-16 code units, keys
 * whose value is undefined are left out, undefined array items become null, and non-finite
 * numbers are refused. (test/audit/canonical-json.unit.spec.ts pins this implementation to
 * the original, straightforward one on generated values.)
 */
export function canonicalJson(value: unknown): string {
  return write(value);
}

// Written for speed (verification re-hashes every event of a history): one pass, string
// concatenation, no intermediate entry arrays. The default sort of string keys compares
// UTF-16 code units, the same order as the `<` comparison of the original.
function write(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('Non-finite numbers cannot be hashed.');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
    default:
      // undefined, functions and symbols print as null; bigint throws, as JSON.stringify does.
      return JSON.stringify(value) ?? 'null';
  }
}

function writeArray(items: readonly unknown[]): string {
  let out = '[';
  for (let index = 0; index < items.length; index += 1) {
    if (index > 0) out += ',';
    // A hole in a sparse array printed as nothing in the original (Array#map skips holes).
    if (!(index in items)) continue;
    const item = items[index];
    out += item === undefined ? 'null' : write(item);
  }
  return out + ']';
}

function writeObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  if (keys.length > 1) keys.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = object[key];
    if (item === undefined) continue;
    out += first ? quoteKey(key) : `,${quoteKey(key)}`;
    out += ':';
    out += write(item);
    first = false;
  }
  return out + '}';
}

// Event payloads reuse a small vocabulary of keys; their JSON form is computed once.
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_LIMIT = 4096;

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_KEYS_LIMIT) quotedKeys.set(key, quoted);
  }
  return quoted;
}

// crypto.hash (Node >= 20.12) is a one-shot digest without the Hash object; same bytes out.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex: (text: string) => string =
  typeof oneShot === 'function' ? (text) => oneShot('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** SHA-256 (lowercase hex) of a string's UTF-8 bytes. */
export function sha256(text: string): string {
  return sha256Hex(text);
}

export function eventHash(fields: HashedEventFields): string {
  return sha256Hex(canonicalJson(fields));
}
