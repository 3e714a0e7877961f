// What makes a policy publishable: checked whole before it is stored, so every version a dispute
// can pin is one the rulebook can run. Problems name the policy's own field (e.g.
// `sellerResponseWindowMs`, `clauses[3].id`); the document reader (policy-document.ts) renames
// them to the names people write in files and in GraphQL.
import { isRecord } from './records';
import { rejection } from './result';
import type { Policy } from './policy';
import type { Rejection } from './types';
import { isStorableText } from './validate';

/** Every window of a policy, in milliseconds. */
export const POLICY_WINDOW_FIELDS = [
  'openingWindowAfterDeliveryMs',
  'sellerResponseWindowMs',
  'negotiationWindowMs',
  'mediationSlaMs',
  'informationRequestDefaultMs',
  'informationRequestMinMs',
  'informationRequestMaxMs',
  'appealWindowMs',
  'returnShipmentWindowMs',
  'returnReceiptWindowMs',
  'replacementShipmentWindowMs',
  'replacementConfirmationWindowMs',
  'resolutionTargetMs',
  'maxDeadlineExtensionMs',
] as const satisfies readonly (keyof Policy)[];

/** Every count and length limit of a policy. */
export const POLICY_LIMIT_FIELDS = [
  'maxDisputesPerOrder',
  'maxDescriptionLength',
  'maxTextLength',
  'maxEvidencePerParty',
  'maxOffersPerParty',
  'maxInformationRequestsPerParty',
  'maxTrackingNumberLength',
  'maxExtensionsPerDeadline',
] as const satisfies readonly (keyof Policy)[];

export type PolicyWindowField = (typeof POLICY_WINDOW_FIELDS)[number];
export type PolicyLimitField = (typeof POLICY_LIMIT_FIELDS)[number];

/** Fields the rulebook's second edition added: a stored policy must carry them (old pins are completed by completePolicy). */
const SECOND_EDITION_FIELDS: readonly (keyof Policy)[] = ['replacementShipmentWindowMs', 'replacementConfirmationWindowMs', 'maxDeadlineExtensionMs', 'maxExtensionsPerDeadline'];

/** Ten years: a longer window is a typo, and due dates must stay within the years a timestamp holds. */
export const MAX_POLICY_WINDOW_MS = 3650 * 24 * 60 * 60 * 1000;
/** The largest count or length a policy may allow. */
export const MAX_POLICY_LIMIT = 1_000_000;
export const MAX_POLICY_CLAUSES = 200;
export const MAX_CLAUSE_TEXT_LENGTH = 2000;
export const MAX_POLICY_LABEL_LENGTH = 64;

/** A policy line id: a short lowercase word such as `default`, `electronics`, `eu`, `luxury-sellers`. */
export const POLICY_LINE_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
/** The line an order follows when the feed names none; the built-in policy is its version 1. */
export const DEFAULT_POLICY_LINE = 'default';
/** A clause id as decisions cite it: capital letters and digits in dash-separated parts, e.g. `NR-1`, `NAD-2`, `EU-RET-3`. */
export const CLAUSE_ID_PATTERN = /^[A-Z][A-Z0-9]{0,15}(-[A-Z0-9]{1,16}){0,3}$/;

export const isPolicyLine = (value: unknown): value is string => typeof value === 'string' && POLICY_LINE_PATTERN.test(value);

export const POLICY_LINE_RULE = 'a policy line is 1 to 40 lowercase letters, digits and dashes, starting with a letter (e.g. "default", "electronics", "eu")';

/**
 * Every problem of a policy, in field order (the first is the one to report when only one is); an
 * empty list means it may be published. Windows are milliseconds; clauses are a list of
 * `{ id, text }` (as published) or the stored map of id to text.
 */
export function validatePolicy(candidate: unknown): Rejection[] {
  if (!isRecord(candidate)) return [rejection('VALIDATION', 'A policy must be an object of windows, limits and clauses.', 'policy')];
  const policy = candidate as Record<string, unknown>;
  const problems: Rejection[] = [];
  const problem = (field: string, message: string) => problems.push(rejection('VALIDATION', message, field));

  const label = policy.version;
  if (typeof label !== 'string' || label.trim() === '') problem('version', 'The policy needs a version label, e.g. the date it takes effect ("2027-01-15").');
  else if (label.length > MAX_POLICY_LABEL_LENGTH || label.trim() !== label || !isStorableText(label)) problem('version', `The version label must be at most ${MAX_POLICY_LABEL_LENGTH} characters without leading or trailing spaces.`);

  for (const field of POLICY_WINDOW_FIELDS) {
    const value = policy[field];
    if (value === undefined) problem(field, missing(field));
    else if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) problem(field, `${field} must be a positive duration (a whole number of milliseconds above 0).`);
    else if (value > MAX_POLICY_WINDOW_MS) problem(field, `${field} must be at most 3650 days.`);
  }
  const [min, fallback, max] = [policy.informationRequestMinMs, policy.informationRequestDefaultMs, policy.informationRequestMaxMs];
  if (typeof min === 'number' && typeof fallback === 'number' && min > fallback) problem('informationRequestDefaultMs', 'The default information request window must not be shorter than the minimum (informationRequestMinMs).');
  else if (typeof fallback === 'number' && typeof max === 'number' && fallback > max) problem('informationRequestDefaultMs', 'The default information request window must not be longer than the maximum (informationRequestMaxMs).');

  for (const field of POLICY_LIMIT_FIELDS) {
    const value = policy[field];
    if (value === undefined) problem(field, missing(field));
    else if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > MAX_POLICY_LIMIT) problem(field, `${field} must be a whole number from 1 to ${MAX_POLICY_LIMIT}.`);
  }

  problems.push(...clauseProblems(policy.clauses));
  return problems;
}

function missing(field: keyof Policy): string {
  return SECOND_EDITION_FIELDS.includes(field) ? `${field} is required (the rulebook's second edition added it).` : `${field} is required.`;
}

/** A clause as files and GraphQL give it; a stored policy holds them as a map of id to text. */
export interface PolicyClause {
  id: string;
  text: string;
}

function clauseProblems(clauses: unknown): Rejection[] {
  // The stored form is a map (ids unique by construction); the published form is a list.
  const list: unknown[] | null = Array.isArray(clauses) ? clauses : isRecord(clauses) ? Object.entries(clauses).map(([id, text]) => ({ id, text })) : null;
  if (!list) return [rejection('VALIDATION', 'The policy needs its clauses: the rules decisions cite, by id.', 'clauses')];
  if (list.length === 0) return [rejection('VALIDATION', 'The policy needs at least one clause for decisions to cite.', 'clauses')];
  if (list.length > MAX_POLICY_CLAUSES) return [rejection('VALIDATION', `A policy has at most ${MAX_POLICY_CLAUSES} clauses.`, 'clauses')];
  const problems: Rejection[] = [];
  const seen = new Set<string>();
  list.forEach((clause, index) => {
    const { id, text } = isRecord(clause) ? clause : { id: undefined, text: undefined };
    if (typeof id !== 'string' || !CLAUSE_ID_PATTERN.test(id)) {
      problems.push(rejection('VALIDATION', `Clause id ${JSON.stringify(id ?? null)} must be capital letters and digits in dash-separated parts, e.g. "NR-1".`, `clauses[${index}].id`));
    } else if (seen.has(id)) {
      problems.push(rejection('VALIDATION', `Clause id ${id} appears twice; each clause needs its own id.`, `clauses[${index}].id`));
    } else {
      seen.add(id);
    }
    const name = typeof id === 'string' ? `clause ${id}` : `clause ${index + 1}`;
    if (typeof text !== 'string' || text.trim() === '') problems.push(rejection('VALIDATION', `The text of ${name} must not be empty.`, `clauses[${index}].text`));
    else if (text.length > MAX_CLAUSE_TEXT_LENGTH || !isStorableText(text)) problems.push(rejection('VALIDATION', `The text of ${name} must be at most ${MAX_CLAUSE_TEXT_LENGTH} characters of storable text.`, `clauses[${index}].text`));
  });
  return problems;
}
