// Readers for untrusted command input. Commands arrive from the network, so every field is
// checked as `unknown` and a malformed command becomes a VALIDATION rejection naming the
// field path, never an exception.
import { isUploader, kindFits, uploadedFile, type UploadedFile, KIND_CONTENT_TYPES } from './citations';
import { isKnownCurrency } from './currencies';
import { formatMoney, MAX_MINOR_UNITS } from './money';
import { MAX_ID_LENGTH, isRecord } from './records';
import type { Checked } from './result';
import { invalid, rejection, valid } from './result';
import type { EvidenceRecord } from './state';
import type { Actor, EvidenceItem, EvidenceKind, Money, OfferKind, Reason, ResolvedTerms } from './types';
import { EVIDENCE_KINDS, OFFER_KINDS } from './types';

export { isRecord };

const conflict = (field: string, message: string): Checked<never> => ({ ok: false, rejection: rejection('CONFLICT', message, field) });
const SHA256 = /^[0-9a-f]{64}$/;

/** The command's data object, or a rejection when it is not an object. */
export function dataOf(value: unknown): Checked<Record<string, unknown>> {
  return isRecord(value) ? valid(value) : invalid('data', 'The command data must be an object.');
}

/**
 * NUL characters and unpaired UTF-16 surrogates: JSON and GraphQL strings can carry them, but
 * PostgreSQL stores neither (text, jsonb), so an event holding one could never be appended and
 * its dispute would be stuck behind it. Every text a command carries is checked for them.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

const unstorable = (field: string, label: string): Checked<never> => invalid(field, `The ${label} must not contain NUL characters or unpaired UTF-16 surrogates.`);

export function readId(value: unknown, field: string, label: string): Checked<string> {
  if (typeof value !== 'string' || value.trim() === '') return invalid(field, `The ${label} is required.`);
  if (!isStorableText(value)) return unstorable(field, label);
  if (value.length > MAX_ID_LENGTH) return invalid(field, `The ${label} must be at most ${MAX_ID_LENGTH} characters long.`);
  if (value.trim() !== value) return invalid(field, `The ${label} must not start or end with spaces.`);
  return valid(value);
}

/** Required free text: trimmed, non-empty, at most `max` characters. */
export function readText(value: unknown, field: string, label: string, max: number): Checked<string> {
  if (typeof value !== 'string' || value.trim() === '') return invalid(field, `The ${label} must not be empty.`);
  const text = value.trim();
  if (!isStorableText(text)) return unstorable(field, label);
  if (text.length > max) return invalid(field, `The ${label} must be at most ${max} characters long (it has ${text.length}).`);
  return valid(text);
}

/** Optional free text: missing or blank becomes null. */
export function readOptionalText(value: unknown, field: string, label: string, max: number): Checked<string | null> {
  if (value === undefined || value === null) return valid(null);
  if (typeof value !== 'string') return invalid(field, `The ${label} must be text.`);
  if (value.trim() === '') return valid(null);
  return readText(value, field, label, max);
}

export function readEnum<T extends string>(value: unknown, allowed: readonly T[], field: string, label: string): Checked<T> {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? valid(value as T)
    : invalid(field, `The ${label} must be one of ${allowed.join(', ')}.`);
}

export interface EvidenceRules {
  /** At least this many items (0 when optional). */
  min: number;
  /** Evidence already in the case file (any party): repeats are rejected. */
  existing: readonly EvidenceRecord[];
  /** Per-party limit and how many more items this party may still add. */
  limit: number;
  remaining: number;
  what: string;
  /** Who cites the files: only their own uploads may be cited. */
  author: Actor;
  /** The catalog's facts of the cited ids (a missing id was never uploaded). */
  files: readonly UploadedFile[];
  /** Replaying a history recorded before the catalog rule: citations are taken as they were sent then. */
  unchecked: boolean;
}

/**
 * A list of evidence references: well-formed, no repeats of files or ids, within the party's
 * limit, and each one a file its author uploaded, cited with its real hash as a kind its
 * content fits. The recorded item carries the catalog's facts, never the client's claim.
 */
export function readEvidence(value: unknown, field: string, rules: EvidenceRules): Checked<EvidenceItem[]> {
  if ((value === undefined || value === null) && rules.min === 0) return valid([]);
  if ((value === undefined || value === null) || (Array.isArray(value) && value.length < rules.min)) {
    return invalid(field, `${rules.what} needs at least one piece of evidence.`);
  }
  if (!Array.isArray(value)) return invalid(field, 'Evidence must be a list of files.');
  if (value.length > rules.remaining) {
    return invalid(field, `Each party may attach at most ${rules.limit} pieces of evidence; ${rules.remaining} more can be added and this list has ${value.length}.`);
  }
  const items: EvidenceItem[] = [];
  const storedShas = new Set(rules.existing.map((e) => e.sha256));
  const storedIds = new Set(rules.existing.map((e) => e.evidenceId));
  const shas = new Set<string>();
  const ids = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const at = `${field}[${i}]`;
    const raw: unknown = value[i];
    if (!isRecord(raw)) return invalid(at, 'Each piece of evidence must be an object.');
    const id = readId(raw.evidenceId, `${at}.evidenceId`, 'evidence id');
    if (!id.ok) return id;
    if (typeof raw.sha256 !== 'string' || !SHA256.test(raw.sha256)) {
      return invalid(`${at}.sha256`, 'The SHA-256 must be 64 lowercase hexadecimal characters.');
    }
    const kind = readEnum<EvidenceKind>(raw.kind, EVIDENCE_KINDS, `${at}.kind`, 'evidence kind');
    if (!kind.ok) return kind;
    const description = readOptionalText(raw.description, `${at}.description`, 'evidence description', 500);
    if (!description.ok) return description;
    // A repeat of something already in the case file conflicts with the history; a repeat within one list is bad input.
    if (storedShas.has(raw.sha256)) return conflict(`${at}.sha256`, 'This file is already in the case file; identical files are rejected as repeats.');
    if (storedIds.has(id.value)) return conflict(`${at}.evidenceId`, `Evidence ${id.value} is already in the case file.`);
    if (shas.has(raw.sha256)) return invalid(`${at}.sha256`, 'The same file appears twice in this list.');
    if (ids.has(id.value)) return invalid(`${at}.evidenceId`, `Evidence id ${id.value} appears twice in this list.`);
    shas.add(raw.sha256);
    ids.add(id.value);
    if (rules.unchecked) {
      items.push({ evidenceId: id.value, sha256: raw.sha256, kind: kind.value, description: description.value });
      continue;
    }
    const file = citable(id.value, raw.sha256, kind.value, at, rules);
    if (!file.ok) return file;
    items.push({ evidenceId: id.value, sha256: file.value.sha256, kind: kind.value, description: description.value, sizeBytes: file.value.sizeBytes, contentType: file.value.contentType });
  }
  return valid(items);
}

/**
 * The citation rule. Someone else's file answers exactly as an unknown id does, so citing
 * cannot probe which ids exist; only the uploader learns that a hash or a kind is wrong.
 */
function citable(evidenceId: string, sha256: string, kind: EvidenceKind, at: string, rules: EvidenceRules): Checked<UploadedFile> {
  const file = uploadedFile(rules.files, evidenceId);
  if (!file || !isUploader(file, rules.author)) {
    return invalid(at, `Evidence ${evidenceId} is not a file you uploaded; upload the file (POST /evidence) and cite the evidenceId it answers.`);
  }
  if (file.sha256 !== sha256) return invalid(at, `The sha256 given for evidence ${evidenceId} is not the hash of the uploaded file; cite the sha256 the upload answered.`);
  if (!kindFits(kind, file.contentType)) {
    return invalid(at, `Evidence ${evidenceId} was detected as ${file.contentType} when uploaded, so it cannot be cited as ${kind}; a ${kind} is ${KIND_CONTENT_TYPES[kind].join(' or ')}.`);
  }
  return valid(file);
}

/** An amount of money in the order's currency: a non-negative safe integer of minor units. */
export function readMoney(value: unknown, field: string, currency: string): Checked<Money> {
  if (!isRecord(value)) return invalid(field, 'The amount must be an object with amountMinor and currency.');
  const minor = readMinorUnits(value.amountMinor, `${field}.amountMinor`, 'amount');
  if (!minor.ok) return minor;
  if (value.currency !== currency) {
    const message = isKnownCurrency(value.currency)
      ? `The amount must be in the order's currency, ${currency}.`
      : `The amount\u2019s currency is not an ISO 4217 code; it must be the order's currency, ${currency}.`;
    return invalid(`${field}.currency`, message);
  }
  return valid({ amountMinor: minor.value, currency });
}

/** A count of minor units: a whole number from 0 to MAX_MINOR_UNITS (beyond it a JavaScript number is no longer exact). */
export function readMinorUnits(value: unknown, field: string, label: string): Checked<number> {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return invalid(field, `The ${label} must be at most ${MAX_MINOR_UNITS} minor units.`);
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return invalid(field, `The ${label} must be a whole number of minor units (for example cents).`);
  if (value < 0) return invalid(field, `The ${label} must not be negative.`);
  return valid(value);
}

/** A currency as the order feed gives it: an active ISO 4217 code (currencies.ts). */
export function readCurrency(value: unknown, field: string): Checked<string> {
  return isKnownCurrency(value) ? valid(value) : invalid(field, 'The currency must be an active ISO 4217 code such as EUR, JPY or KWD.');
}

export interface TermsRules {
  reason: Reason;
  refundableMinor: number;
  currency: string;
  /** Where the refundable amount lies, for sentences: "on this order", "on the lines this dispute covers". */
  scope: string;
}

/**
 * A resolution proposal. FULL_REFUND and RETURN_AND_REFUND imply the refundable amount, so an
 * explicit amount must equal it; PARTIAL_REFUND needs a positive amount within it; REPLACEMENT
 * has no amount. Nothing can be returned when the item never arrived.
 */
export function readTerms(value: unknown, field: string, rules: TermsRules): Checked<ResolvedTerms> {
  if (!isRecord(value)) return invalid(field, 'The resolution must be an object with a kind.');
  const kind = readEnum<OfferKind>(value.kind, OFFER_KINDS, `${field}.kind`, 'resolution kind');
  if (!kind.ok) return kind;
  return readAmountFor(kind.value, value.amount, { kind: `${field}.kind`, amount: `${field}.amount` }, rules);
}

/** Field paths to blame: an offer's `terms.kind`/`terms.amount`, a decision's `outcome`/`amount`. */
export interface TermsFields {
  kind: string;
  amount: string;
}

export function readAmountFor(kind: OfferKind, rawAmount: unknown, fields: TermsFields, rules: TermsRules): Checked<ResolvedTerms> {
  const { refundableMinor, currency } = rules;
  if (kind === 'RETURN_AND_REFUND' && rules.reason === 'NOT_RECEIVED') {
    return invalid(fields.kind, 'An item that was not received cannot be returned; ask for a refund instead.');
  }
  if (kind === 'REPLACEMENT') {
    return rawAmount === undefined || rawAmount === null ? valid({ kind, amount: null }) : invalid(fields.amount, 'A replacement has no amount.');
  }
  if (refundableMinor <= 0) return invalid(fields.kind, `Nothing is left to refund ${rules.scope}.`);
  if (kind === 'PARTIAL_REFUND') {
    if (rawAmount === undefined || rawAmount === null) return invalid(fields.amount, 'A partial refund needs an amount.');
    const amount = readMoney(rawAmount, fields.amount, currency);
    if (!amount.ok) return amount;
    if (amount.value.amountMinor === 0) return invalid(`${fields.amount}.amountMinor`, 'A partial refund must be more than zero.');
    if (amount.value.amountMinor > refundableMinor) {
      return invalid(`${fields.amount}.amountMinor`, `A refund cannot exceed the ${formatMoney(refundableMinor, currency)} still refundable ${rules.scope}.`);
    }
    return valid({ kind, amount: amount.value });
  }
  if (rawAmount !== undefined && rawAmount !== null) {
    const amount = readMoney(rawAmount, fields.amount, currency);
    if (!amount.ok) return amount;
    if (amount.value.amountMinor !== refundableMinor) {
      return invalid(
        `${fields.amount}.amountMinor`,
        `A full refund is the ${formatMoney(refundableMinor, currency)} still refundable ${rules.scope}; leave the amount out or use a partial refund.`,
      );
    }
  }
  return valid({ kind, amount: { amountMinor: refundableMinor, currency } });
}
