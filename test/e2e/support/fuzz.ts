// Building blocks of the GraphQL fuzz test (fuzz.e2e.spec.ts): a seeded random source, hostile
// strings and numbers, corrupted documents, values of the wrong type for any input of the
// schema, raw HTTP requests, and the check every answer must pass.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { SignJWT } from 'jose';
import { DEV_JWT_SECRET } from '../../../libs/platform/src';

/** mulberry32: small, fast and the same sequence for the same seed on every machine. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the keys, each as likely as its weight. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let roll = this.next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  hex(length: number): string {
    return Array.from({ length }, () => '0123456789abcdef'[this.int(0, 15)]).join('');
  }

  uuid(): string {
    const hex = this.hex(32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[this.int(0, 3)]}${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Strings

/** Text PostgreSQL can store: emoji (with skin tones and ZWJ), RTL scripts and overrides, combining marks, astral planes, BOM, separators. */
export const STORABLE_UNICODE = [
  'é',
  'ß',
  'Ω',
  '日本語',
  '中文',
  '한국어',
  'مرحبا',
  'שלום',
  '\u202e',
  '\u202d',
  '\u200f',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u2028',
  '\u2029',
  '\t',
  '\n',
  '\r\n',
  '👋🏽',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🇪🇺',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '𠜎',
  'e\u0301',
  'Z̸̡̢͇̝̈́a̷̧̛͎̿l̶̢̪̈́g̶̡͚̀ỏ̸̧̰',
  '\uffff',
  '\ue000',
  '\u0007',
  '\u001b[31m',
  '<script>alert(1)</script>',
  "'; DROP TABLE dispute_events; --",
  '${jndi:ldap://x}',
  '%s%n%x',
  '\\u0000',
  '{{7*7}}',
];

/** Text no PostgreSQL column can hold: NUL, and unpaired (or reversed) UTF-16 surrogates. */
export const UNSTORABLE_UNICODE = ['\u0000', 'a\u0000', '\ud800', '\udbff', '\udc00', '\udfff', 'x\ud83dy', '\ude00\ud83d', '\ud83d'];

export function unicodeText(rng: Rng, minLength: number, maxLength: number): string {
  const target = rng.int(minLength, maxLength);
  let text = '';
  // Long texts repeat a random chunk: a megabyte drawn character by character costs the client seconds.
  const chunk = target > 4_096 ? unicodeText(rng, 2_048, 4_096) : '';
  while (text.length < target) text += chunk || (rng.chance(0.5) ? rng.pick(STORABLE_UNICODE) : rng.pick(['a', 'b', 'z', ' ', '0', '9', '-', '.', 'Q']));
  return text;
}

/** Storable text that is not blank after trimming (so the domain sees content). */
export function contentText(rng: Rng, minLength: number, maxLength: number): string {
  return `${rng.pick(['Hi', 'Note', 'Ärger', '注意', 'تنبيه', '👀'])} ${unicodeText(rng, minLength, maxLength)} ${rng.pick(['end', '✓', 'fin'])}`;
}

export function unstorableText(rng: Rng): string {
  const bad = rng.pick(UNSTORABLE_UNICODE);
  return rng.pick([bad, `before ${bad}`, `${bad} after`, `${contentText(rng, 0, 20)}${bad}${contentText(rng, 0, 20)}`]);
}

/** Ids that name nothing: random UUIDs, the nil and max UUIDs, and strings that are not UUIDs at all. */
export function unknownId(rng: Rng): string {
  const choices: (() => string)[] = [
    () => rng.uuid(),
    () => rng.uuid().toUpperCase(),
    () => '00000000-0000-0000-0000-000000000000',
    () => 'ffffffff-ffff-ffff-ffff-ffffffffffff',
    () => rng.pick(['', ' ', 'null', 'undefined', '0', '-1', "' OR '1'='1", '../../etc/passwd', '%00', '*']),
    () => `dispute-${rng.uuid()}`,
    () => `${rng.uuid()} `,
    () => `{${rng.uuid()}}`,
    () => rng.uuid().replace(/-/g, ''),
    () => 'x'.repeat(rng.int(201, 5000)),
    () => unicodeText(rng, 1, 40),
    () => `order-${rng.hex(8)}`,
    () => `ev-${rng.uuid()}`,
  ];
  return rng.pick(choices)();
}

// ---------------------------------------------------------------------------------------------
// Numbers

/**
 * JSON numbers JavaScript cannot write (1e309 parses to Infinity, -0, 1.0 kept as written):
 * `raw` marks them and `toJson` splices them into the request body as written.
 */
const RAW = /"@@raw@@(.*?)@@"/g;
export const raw = (jsonNumber: string): string => `@@raw@@${jsonNumber}@@`;
export const toJson = (value: unknown): string => JSON.stringify(value).replace(RAW, '$1');

/** Amounts no refund can have: negative, zero, fractional, beyond 32 bits, beyond 2^53, infinite, or not numbers. */
export function badAmount(rng: Rng): unknown {
  return rng.pick<unknown>([
    -1,
    -rng.int(1, 2_000_000_000),
    0,
    0.5,
    1.5,
    rng.int(1, 4000) + 0.25,
    -0.01,
    2_147_483_648,
    -2_147_483_649,
    4_294_967_296,
    2 ** 53,
    2 ** 53 + 2,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    1e21,
    raw('1e309'),
    raw('-1e309'),
    raw('1e-400'),
    raw('123456789012345678901234567890'),
    '1e999',
    '1000',
    '',
    'NaN',
    'Infinity',
    true,
    null,
    [1000],
    { amountMinor: 1000 },
  ]);
}

// ---------------------------------------------------------------------------------------------
// Documents

const NOISE = ['{', '}', '(', ')', '[', ']', ':', '$', '@', '!', '"', '"""', '\\', '#', '...', '=', '|', '&', ',', '\u0000', '🙂', '\ufeff', 'query', 'mutation', 'fragment', 'on', '1e', '-', '0x1F', '\n'];

/** A document broken by one random edit: cut short, a character dropped or doubled, noise inserted, braces swapped. */
export function corruptDocument(rng: Rng, document: string): string {
  const at = rng.int(0, Math.max(0, document.length - 1));
  switch (rng.int(0, 7)) {
    case 0:
      return document.slice(0, at);
    case 1:
      return document.slice(0, at) + document.slice(at + 1);
    case 2:
      return document.slice(0, at) + rng.pick(NOISE) + document.slice(at);
    case 3:
      return document.replace(/[{}]/g, (brace) => (brace === '{' ? '}' : '{'));
    case 4:
      return document.slice(0, at) + document.slice(at, at + rng.int(1, 40)).repeat(rng.int(2, 5)) + document.slice(at);
    case 5:
      return document + rng.pick(NOISE).repeat(rng.int(1, 20));
    case 6:
      return Array.from({ length: rng.int(1, 60) }, () => rng.pick(NOISE)).join(rng.pick(['', ' ']));
    default:
      return rng.pick(['', ' ', '\n\t', '# only a comment', '{}', '{ }', 'query', 'mutation {}', '""', 'null', '{ viewer { id }', '{ viewer { id } } }']);
  }
}

// ---------------------------------------------------------------------------------------------
// Values of the wrong type, for any input of the served schema

export const SCHEMA: GraphQLSchema = buildSchema(readFileSync(join(__dirname, '..', '..', '..', 'schema.graphql'), 'utf8'));

/** Marks a field to leave out of the input (a required field missing). */
export const MISSING = Symbol('missing');

/**
 * A value GraphQL input coercion must refuse for `type`. Only values that cannot be coerced: an
 * Int never gets "1.0" (JSON reads it as 1), an ID never a whole number (IDs take those), an
 * input object never a list (GraphQL reads a list as an object), and a list never a single
 * valid item (GraphQL wraps it in a list). MISSING only where the field has no default.
 */
export function wrongValueFor(rng: Rng, type: GraphQLInputType, hasDefault = false): unknown {
  if (isNonNullType(type)) return rng.chance(0.3) ? (hasDefault ? null : rng.pick([null, MISSING])) : wrongValueFor(rng, type.ofType);
  if (isListType(type)) {
    const item = wrongValueFor(rng, type.ofType);
    return [item === MISSING ? null : item];
  }
  const named = getNamedType(type);
  if (isEnumType(named)) {
    const value = rng.pick(named.getValues()).name;
    return rng.pick<unknown>([value.toLowerCase(), ` ${value}`, `${value}_`, 3, true, '', { value }, [value], `${unicodeText(rng, 1, 8)}!`]);
  }
  if (isInputObjectType(named)) return rng.pick<unknown>(['{}', 7, true, 0, `${unicodeText(rng, 1, 10)}`]);
  switch (named.name) {
    case 'Int':
      return rng.pick<unknown>(['12', 1.5, -0.5, true, {}, [1, 2], 2_147_483_648, -2_147_483_649, 2 ** 53 + 2, raw('1e309'), raw('-1e309'), '1e999', '']);
    case 'Float':
      return rng.pick<unknown>(['1.5', true, {}, [1.5]]);
    case 'Boolean':
      return rng.pick<unknown>(['true', 1, 0, {}, []]);
    case 'ID':
      return rng.pick<unknown>([true, false, 1.5, -0.25, {}, { id: 'x' }, ['a', 'b'], []]);
    case 'MinorUnits':
      // Whole numbers from 0 to 2^53 - 1, as JSON integers or digit strings, are all valid amounts: only other values are wrong.
      return rng.pick<unknown>([-1, 1.5, true, {}, [12], '', '1.5', '-3', '012', '1e3', 'abc', 2 ** 53 + 2, '9007199254740993']);
    default: // String, and any other scalar taking strings
      return rng.pick<unknown>([12, -1, 1.5, true, false, {}, { text: 'x' }, ['a', 'b'], [], 2 ** 53 + 2]);
  }
}

export interface InputPath {
  path: string[];
  type: GraphQLInputType;
  hasDefault: boolean;
}

/** Every path into an input type, at most `depth` input objects deep (e.g. `terms`, `terms.amount.amountMinor`). */
export function inputPaths(type: GraphQLInputType, depth = 3, prefix: string[] = [], hasDefault = false): InputPath[] {
  const named = getNamedType(type);
  const here = prefix.length > 0 ? [{ path: prefix, type, hasDefault }] : [];
  if (!isInputObjectType(named) || depth === 0) return here;
  return [...here, ...Object.values(named.getFields()).flatMap((field) => inputPaths(field.type, depth - 1, [...prefix, field.name], field.defaultValue !== undefined))];
}

/** A copy of `value` with the member at `path` replaced (or removed for MISSING), creating objects on the way. */
export function withValueAt(value: Record<string, unknown>, path: string[], replacement: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...value };
  const [head, ...rest] = path;
  if (rest.length === 0) {
    if (replacement === MISSING) delete copy[head];
    else copy[head] = replacement;
    return copy;
  }
  const inner = copy[head];
  copy[head] = withValueAt(typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {}, rest, replacement);
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Tokens

const sign = (claims: Record<string, unknown>, configure: (jwt: SignJWT) => SignJWT, secret = DEV_JWT_SECRET, alg = 'HS256') =>
  configure(new SignJWT(claims).setProtectedHeader({ alg })).sign(new TextEncoder().encode(secret));

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Authorization header values that must be refused as UNAUTHENTICATED, each a different way to be wrong. */
export async function badAuthorizations(): Promise<{ name: string; header: string }[]> {
  const now = Math.floor(Date.now() / 1000);
  const bearer = (token: string) => `Bearer ${token}`;
  const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'mallory', role: 'AUDITOR', exp: now + 3600 })}.`;
  return [
    { name: 'expired', header: bearer(await sign({ role: 'BUYER' }, (jwt) => jwt.setSubject('buyer-late').setIssuedAt(now - 7200).setExpirationTime(now - 3600))) },
    { name: 'not yet valid', header: bearer(await sign({ role: 'BUYER' }, (jwt) => jwt.setSubject('buyer-early').setNotBefore(now + 3600).setExpirationTime(now + 7200))) },
    { name: 'another secret', header: bearer(await sign({ role: 'AUDITOR' }, (jwt) => jwt.setSubject('mallory').setExpirationTime('1h'), 'a-secret-of-someone-else-32-characters-long')) },
    { name: 'HS512', header: bearer(await sign({ role: 'AUDITOR' }, (jwt) => jwt.setSubject('mallory').setExpirationTime('1h'), DEV_JWT_SECRET, 'HS512')) },
    { name: 'alg none', header: bearer(unsigned) },
    { name: 'unknown role', header: bearer(await sign({ role: 'ROOT' }, (jwt) => jwt.setSubject('root').setExpirationTime('1h'))) },
    { name: 'lower-case role', header: bearer(await sign({ role: 'buyer' }, (jwt) => jwt.setSubject('b').setExpirationTime('1h'))) },
    { name: 'role list', header: bearer(await sign({ role: ['AUDITOR'] }, (jwt) => jwt.setSubject('a').setExpirationTime('1h'))) },
    { name: 'no subject', header: bearer(await sign({ role: 'AUDITOR' }, (jwt) => jwt.setExpirationTime('1h'))) },
    { name: 'empty subject', header: bearer(await sign({ role: 'AUDITOR', sub: '' }, (jwt) => jwt.setExpirationTime('1h'))) },
    { name: 'numeric subject', header: bearer(await sign({ role: 'AUDITOR', sub: 42 }, (jwt) => jwt.setExpirationTime('1h'))) },
    { name: 'NUL in subject', header: bearer(await sign({ role: 'BUYER' }, (jwt) => jwt.setSubject('buyer\u0000x').setExpirationTime('1h'))) },
    { name: 'unpaired surrogate in subject', header: bearer(await sign({ role: 'SELLER' }, (jwt) => jwt.setSubject('seller\ud800').setExpirationTime('1h'))) },
    { name: 'tampered payload', header: bearer((await sign({ role: 'BUYER' }, (jwt) => jwt.setSubject('b').setExpirationTime('1h'))).replace(/\.([^.]+)\./, `.${base64url({ sub: 'b', role: 'AUDITOR' })}.`)) },
    { name: 'truncated signature', header: bearer((await sign({ role: 'BUYER' }, (jwt) => jwt.setSubject('b').setExpirationTime('1h'))).slice(0, -5)) },
    { name: 'scheme only', header: 'Bearer' },
    { name: 'scheme and spaces', header: 'Bearer    ' },
    { name: 'basic scheme', header: 'Basic dXNlcjpwYXNz' },
    { name: 'two tokens', header: 'Bearer a.b.c d.e.f' },
    { name: 'garbage token', header: 'Bearer not-a-jwt' },
    { name: 'three dots', header: 'Bearer ...' },
    // Long, yet within Node's 16 kB of headers (beyond it Node itself answers 431 before the application sees the request).
    { name: 'huge token', header: `Bearer ${'A'.repeat(5_000)}.${'B'.repeat(5_000)}.C` },
    { name: 'UTF-8 bytes', header: Buffer.from('Bearer 🔑ключ', 'utf8').toString('latin1') },
    { name: 'JSON', header: 'Bearer {"sub":"x","role":"AUDITOR"}' },
  ];
}

// ---------------------------------------------------------------------------------------------
// Requests and the check every answer must pass

export interface FuzzRequest {
  method?: 'POST' | 'GET';
  /** The raw POST body (JSON or not), or the query string of a GET. */
  body: string;
  /** The whole Authorization header, if any. */
  authorization?: string;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers?: Headers;
  contentType: string;
  text: string;
  json: unknown;
  /** Why there was no HTTP answer (a reset connection, a refused one). */
  failure?: string;
}

export async function send(url: string, request: FuzzRequest): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...request.headers };
  if (request.authorization !== undefined) headers.authorization = request.authorization;
  try {
    const response =
      request.method === 'GET'
        ? await fetch(`${url}/graphql?${request.body}`, { headers: { ...headers, 'apollo-require-preflight': 'true' } })
        : await fetch(`${url}/graphql`, { method: 'POST', headers, body: request.body });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, contentType: response.headers.get('content-type') ?? '', text, json };
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return { status: 0, contentType: '', text: '', json: undefined, failure: `${String(error)}${cause ? ` (${String(cause)})` : ''}` };
  }
}

/** The codes clients may rely on (apps/api/src/graphql/errors.ts and format-error.ts); INTERNAL is a defect. */
export const PUBLIC_CODES = new Set(['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE', 'DEADLINE_PASSED', 'VALIDATION', 'CONFLICT', 'UNAUTHENTICATED', 'RATE_LIMITED', 'UNAVAILABLE']);

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message?: unknown; extensions?: { code?: unknown } }[];
}

/**
 * What must hold of `answer` beyond "a typed error or a valid result"; see problemsOf.
 * `data`: a result without errors; `refused`: errors and no root field answered; `any`:
 * either. Whatever may be refused names the codes its refusal may carry.
 */
export type Expectation = { outcome: 'data' } | { outcome: 'refused' | 'any'; codes: readonly [string, ...string[]] };

/** Everything wrong with an answer; empty when it is a valid result or typed errors only. */
export function problemsOf(answer: Answer, expectation: Expectation): string[] {
  if (answer.failure) return [`no HTTP answer: ${answer.failure}`];
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  if (!/application\/(graphql-response\+)?json/.test(answer.contentType)) problems.push(`content-type ${answer.contentType || '(none)'}`);
  const body = answer.json as GraphQLBody | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [...problems, 'the body is not a JSON object'];
  if (body.errors !== undefined) {
    if (!Array.isArray(body.errors) || body.errors.length === 0) problems.push('errors is not a non-empty list');
    else {
      for (const error of body.errors) {
        const code = error?.extensions?.code;
        if (typeof code !== 'string' || !PUBLIC_CODES.has(code)) problems.push(`error code ${String(code)}${code === 'INTERNAL' ? ' (a defect)' : ' (not a public code)'}: ${String(error?.message).slice(0, 300)}`);
        else if (expectation.outcome !== 'data' && !expectation.codes.includes(code)) problems.push(`code ${code}, expected one of ${expectation.codes.join(', ')}: ${String(error?.message).slice(0, 200)}`);
        if (typeof error?.message !== 'string' || error.message.trim() === '') problems.push('an error without a message');
      }
    }
    if (expectation.outcome === 'data') problems.push('errors where a result was expected');
    if (expectation.outcome === 'refused' && answered(body)) problems.push('refused, yet a root field was answered');
  } else {
    if (typeof body.data !== 'object' || body.data === null) problems.push('neither data nor errors');
    if (expectation.outcome === 'refused') problems.push('answered with data where a refusal was expected');
    if (answer.status !== 200) problems.push(`data with HTTP ${answer.status}`);
  }
  return problems;
}

/** Whether any root field has a value (a partial result). */
export const answered = (body: GraphQLBody | undefined): boolean => !!body?.data && Object.values(body.data).some((value) => value !== null);
