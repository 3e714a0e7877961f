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
// concatenation, no intermediate entry arrays. Keys are sorted with `<`/`>` on strings, which
// compare UTF-16 code units exactly as the original comparator did.
function write(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('Non-finite numbers cannot be hashed.');
      return `${value}`; // the same digits JSON.stringify prints for a finite number (-0 prints 0)
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

// What JSON.stringify escapes in a string: the quote, the backslash, control characters and
// (well-formed JSON.stringify) lone surrogates. Strings without any of them are quoted as is;
// the rest, and anything with a surrogate at all, go through JSON.stringify. The test is one
// regular expression (compiled to native code) rather than a loop over the characters: most of
// an event's bytes are in its strings, so this scan is where verification spent much of its time.
// eslint-disable-next-line no-control-regex -- the control characters are exactly what JSON escapes
const NEEDS_ESCAPING = /[\u0000-\u001f"\\\ud800-\udfff]/;

function quote(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
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

function sortKeys(keys: string[]): void {
  const count = keys.length;
  if (count > 32) {
    keys.sort();
    return;
  }
  // Insertion sort: objects in events have a handful of keys, where this beats Array#sort.
  for (let i = 1; i < count; i += 1) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j -= 1;
    }
    keys[j + 1] = key;
  }
}

function writeObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  if (keys.length === 0) return '{}';
  const { sorted, prefixes, stringPrefixes, lastSafe } = shapeOf(keys);
  let out = '';
  for (let index = 0; index < sorted.length; index += 1) {
    const item = object[sorted[index]];
    // A string value that needs no escaping is written between the quotes its prefix opens. Half
    // the strings of a history are the value the same key had in the object of the same shape
    // before (currencies, roles, outcomes, the policy's clauses): a comparison settles those.
    if (typeof item === 'string' && (item === lastSafe[index] || needsNoEscaping(item, lastSafe, index))) {
      out += stringPrefixes[index] + item + '"';
    } else if (item === undefined) {
      return writeObjectLeavingOutUndefined(object, keys);
    } else {
      out += prefixes[index] + write(item);
    }
  }
  return out + '}';
}

// The general case: keys whose value is undefined are left out (the separators then depend on
// which keys are written, so the shape's prefixes do not apply).
function writeObjectLeavingOutUndefined(object: Record<string, unknown>, keys: string[]): string {
  sortKeys(keys);
  let out = '{';
  let first = true;
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index];
    const item = object[key];
    if (item === undefined) continue;
    out += first ? quoteKey(key) : `,${quoteKey(key)}`;
    out += ':';
    out += write(item);
    first = false;
  }
  return out + '}';
}

/**
 * What an object's own keys, in the order Object.keys gives them, come to in canonical JSON: the
 * keys sorted, and the text before each value (`{"key":` for the first, `,"key":` after), with a
 * variant ending in the opening quote of a string value. Events of one type build their payloads
 * the same way, so the same few key lists come back for every event: sorting them and quoting
 * their keys once, instead of per object, is most of what a payload's serialisation saves.
 */
interface ObjectShape {
  keys: readonly string[];
  sorted: readonly string[];
  prefixes: readonly string[];
  stringPrefixes: readonly string[];
  /** Per sorted key, the last string value found to need no escaping (short ones only, so the cache stays small). */
  lastSafe: (string | undefined)[];
}

const LAST_SAFE_MAX_LENGTH = 256;

function needsNoEscaping(text: string, lastSafe: (string | undefined)[], index: number): boolean {
  if (NEEDS_ESCAPING.test(text)) return false;
  if (text.length <= LAST_SAFE_MAX_LENGTH) lastSafe[index] = text;
  return true;
}

// Shapes by their first key; a list, since objects that start alike may go on differently. Bounded,
// so a history of ever new keys cannot grow it without end (past the bound, shapes are not kept).
const shapesByFirstKey = new Map<string, ObjectShape[]>();
const SHAPES_LIMIT = 2048;
let shapesKept = 0;

function shapeOf(keys: string[]): ObjectShape {
  const known = shapesByFirstKey.get(keys[0]);
  if (known !== undefined) {
    for (let index = 0; index < known.length; index += 1) if (sameKeys(known[index].keys, keys)) return known[index];
  }
  const sorted = keys.slice();
  sortKeys(sorted);
  const prefixes = sorted.map((key, index) => `${index === 0 ? '{' : ','}${quoteKey(key)}:`);
  const shape: ObjectShape = { keys, sorted, prefixes, stringPrefixes: prefixes.map((prefix) => `${prefix}"`), lastSafe: sorted.map(() => undefined) };
  if (shapesKept < SHAPES_LIMIT) {
    if (known === undefined) shapesByFirstKey.set(keys[0], [shape]);
    else known.push(shape);
    shapesKept += 1;
  }
  return shape;
}

// The first keys are already known to be equal (the map's key).
function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 1; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
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

// crypto.hash (Node >= 20.12) is a one-shot digest without the Hash object; same bytes out. Its
// output encoding is left to its default, hex: that call takes its shortest path.
const oneShot = (crypto as { hash?: (algorithm: string, data: string) => string }).hash;
const digestHex: (text: string) => string =
  typeof oneShot === 'function' ? (text) => oneShot('sha256', text) : (text) => crypto.createHash('sha256').update(text).digest('hex');

// The last digest written: the next event of a chain names it as its previous hash, and a digest
// (hex) needs no escaping, so the envelope does not scan it again (see envelopeJson).
let lastDigest = '';

function sha256Hex(text: string): string {
  lastDigest = digestHex(text);
  return lastDigest;
}

/** SHA-256 (lowercase hex) of a string's UTF-8 bytes. */
export function sha256(text: string): string {
  return sha256Hex(text);
}

export function eventHash(fields: HashedEventFields): string {
  return sha256Hex(eventJson(fields));
}

/**
 * The text eventHash hashes: the canonical JSON of the event's fields. The event store also
 * sends it to PostgreSQL as the row to store, so an append serialises each payload once and the
 * stored payload is parsed from the very bytes its hash covers.
 */
export function eventJson(fields: HashedEventFields): string {
  return hasExactlyHashedKeys(fields) ? (envelopeJson(fields) ?? canonicalJson(fields)) : canonicalJson(fields);
}

/** Exactly the hashed fields of an event (what else it carries, its hash, storage position or recording time, is left out). */
export function hashedFieldsOf(event: HashedEventFields): HashedEventFields {
  return {
    disputeId: event.disputeId,
    sequence: event.sequence,
    type: event.type,
    payload: event.payload,
    actor: { role: event.actor.role, id: event.actor.id },
    occurredAt: event.occurredAt,
    commandId: event.commandId,
    schemaVersion: event.schemaVersion,
    previousHash: event.previousHash,
  };
}

const HASHED_KEYS: ReadonlySet<string> = new Set(['disputeId', 'sequence', 'type', 'payload', 'actor', 'occurredAt', 'commandId', 'schemaVersion', 'previousHash']);

function hasExactlyHashedKeys(fields: object): boolean {
  const keys = Object.keys(fields);
  if (keys.length !== HASHED_KEYS.size) return false;
  for (let index = 0; index < keys.length; index += 1) if (!HASHED_KEYS.has(keys[index])) return false;
  return true;
}

// The strings of the last envelope written, which passed the escaping test.
const lastEnvelope = { disputeId: '', actorId: '', actorRole: '', commandId: '', occurredAt: '', type: '' };

/**
 * canonicalJson of an object whose own keys are exactly the hashed fields, written with the
 * keys in their (fixed) sorted order instead of sorting them; null when a value is not of the
 * usual type, and the caller falls back to canonicalJson. Same bytes either way
 * (test/audit/canonical-json.unit.spec.ts checks it on generated envelopes).
 */
export function envelopeJson(fields: HashedEventFields): string | null {
  const { actor, commandId, sequence, schemaVersion } = fields;
  if (
    typeof fields.disputeId !== 'string' ||
    typeof fields.type !== 'string' ||
    typeof fields.occurredAt !== 'string' ||
    typeof fields.previousHash !== 'string' ||
    (commandId !== null && typeof commandId !== 'string') ||
    typeof sequence !== 'number' ||
    !Number.isFinite(sequence) ||
    typeof schemaVersion !== 'number' ||
    !Number.isFinite(schemaVersion) ||
    fields.payload === undefined ||
    typeof actor !== 'object' ||
    actor === null ||
    typeof actor.role !== 'string' ||
    typeof actor.id !== 'string'
  ) {
    return null;
  }
  const actorKeys = Object.keys(actor);
  if (actorKeys.length !== 2 || !((actorKeys[0] === 'role' && actorKeys[1] === 'id') || (actorKeys[0] === 'id' && actorKeys[1] === 'role'))) return null;
  const { disputeId, type, occurredAt, previousHash } = fields;
  // The envelope's strings are checked for characters to escape in one test of them all (one
  // regular-expression call instead of six or seven), and written between quotes the constant
  // text around them carries. Left out of the test: a previous hash that is the digest written
  // last, and any string equal to the one in the same place of the envelope before, which passed
  // it (a chain's events share the dispute id, and often the actor, command, time and type).
  const last = lastEnvelope;
  const unchecked =
    (previousHash === lastDigest ? '' : previousHash) +
    (disputeId === last.disputeId ? '' : disputeId) +
    (actor.id === last.actorId ? '' : actor.id) +
    (actor.role === last.actorRole ? '' : actor.role) +
    (commandId === null || commandId === last.commandId ? '' : commandId) +
    (occurredAt === last.occurredAt ? '' : occurredAt) +
    (type === last.type ? '' : type);
  if (unchecked !== '' && NEEDS_ESCAPING.test(unchecked)) return envelopeJsonQuotingEach(fields);
  last.disputeId = disputeId;
  last.actorId = actor.id;
  last.actorRole = actor.role;
  if (commandId !== null) last.commandId = commandId;
  last.occurredAt = occurredAt;
  last.type = type;
  return (
    '{"actor":{"id":"' +
    actor.id +
    '","role":"' +
    actor.role +
    (commandId === null ? '"},"commandId":null,"disputeId":"' : `"},"commandId":"${commandId}","disputeId":"`) +
    disputeId +
    '","occurredAt":"' +
    occurredAt +
    '","payload":' +
    write(fields.payload) +
    ',"previousHash":"' +
    previousHash +
    '","schemaVersion":' +
    `${schemaVersion}` +
    ',"sequence":' +
    `${sequence}` +
    ',"type":"' +
    type +
    '"}'
  );
}

function envelopeJsonQuotingEach(fields: HashedEventFields): string {
  const { actor, commandId } = fields;
  return (
    '{"actor":{"id":' +
    quote(actor.id) +
    ',"role":' +
    quote(actor.role) +
    '},"commandId":' +
    (commandId === null ? 'null' : quote(commandId)) +
    ',"disputeId":' +
    quote(fields.disputeId) +
    ',"occurredAt":' +
    quote(fields.occurredAt) +
    ',"payload":' +
    write(fields.payload) +
    ',"previousHash":' +
    quote(fields.previousHash) +
    ',"schemaVersion":' +
    `${fields.schemaVersion}` +
    ',"sequence":' +
    `${fields.sequence}` +
    ',"type":' +
    quote(fields.type) +
    '}'
  );
}
