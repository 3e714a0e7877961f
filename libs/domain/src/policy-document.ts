// A policy as operators write it (a YAML or JSON file, the publishPolicy mutation) and read it
// back (Dispute.policy): the Policy's fields, with windows as ISO-8601 durations under the
// field's name without `Ms` (`sellerResponseWindow: P5D`), and clauses as a list of
// `{ id, text }`. The core keeps milliseconds; this is the one translation between the two.
import type { Policy } from './policy';
import { formatDuration, parseDuration } from './policy-durations';
import { POLICY_LIMIT_FIELDS, POLICY_WINDOW_FIELDS, validatePolicy, type PolicyClause, type PolicyLimitField, type PolicyWindowField } from './policy-rules';
import { isRecord } from './records';
import { rejection } from './result';
import type { Rejection } from './types';

type WindowName<F extends PolicyWindowField> = F extends `${infer Name}Ms` ? Name : never;

/** The policy as written: windows as durations, limits as numbers, clauses as a list. */
export type PolicyDocument = { version: string; clauses: PolicyClause[] } & { [F in PolicyWindowField as WindowName<F>]: string } & { [F in PolicyLimitField]: number };

/** `sellerResponseWindowMs` is written `sellerResponseWindow`. */
export const documentName = (field: string): string => ((POLICY_WINDOW_FIELDS as readonly string[]).includes(field) ? field.slice(0, -2) : field);

const WINDOW_BY_NAME = new Map<string, PolicyWindowField>(POLICY_WINDOW_FIELDS.map((field) => [documentName(field), field]));
const KNOWN = new Set<string>(['version', 'clauses', ...WINDOW_BY_NAME.keys(), ...POLICY_LIMIT_FIELDS]);
const WINDOW_FIELD_MENTION = new RegExp(`\\b(${POLICY_WINDOW_FIELDS.join('|')})\\b`, 'g');

export type PolicyReading = { ok: true; policy: Policy } | { ok: false; problems: Rejection[] };

/**
 * Reads a policy document into the Policy the core pins, checking it whole (validatePolicy): every
 * problem is returned, each naming the document's field (`sellerResponseWindow`, `clauses[2].text`).
 * Fields it does not know are refused, so a misspelt window is never silently left out.
 */
export function readPolicyDocument(document: unknown): PolicyReading {
  if (!isRecord(document)) return { ok: false, problems: [rejection('VALIDATION', 'A policy document must be an object (a YAML or JSON mapping) of windows, limits and clauses.', 'policy')] };
  const problems: Rejection[] = [];
  const candidate: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(document)) {
    if (!KNOWN.has(name)) {
      const hint = name === 'line' || name === 'lineVersion' ? ' The line is chosen when publishing and the number is given by the store.' : name.endsWith('Ms') && WINDOW_BY_NAME.has(name.slice(0, -2)) ? ` Write it as ${name.slice(0, -2)}, a duration such as "P5D".` : '';
      problems.push(rejection('VALIDATION', `${name} is not a policy field.${hint}`, name));
      continue;
    }
    const window = WINDOW_BY_NAME.get(name);
    if (!window) {
      candidate[name] = value;
      continue;
    }
    const ms = typeof value === 'string' ? parseDuration(value) : null;
    if (ms === null) problems.push(rejection('VALIDATION', `${name} must be an ISO-8601 duration in days, hours, minutes or seconds, such as "P5D", "PT12H" or "P1DT6H"; got ${JSON.stringify(value ?? null)}.`, name));
    else candidate[window] = ms;
  }
  const reported = new Set(problems.map((problem) => problem.field));
  for (const problem of validatePolicy(candidate)) {
    const field = documentName(problem.field ?? 'policy');
    if (reported.has(field)) continue;
    problems.push(rejection(problem.code, problem.message.replace(WINDOW_FIELD_MENTION, (mention) => documentName(mention)), field));
  }
  if (problems.length > 0) return { ok: false, problems };
  const clauses = candidate.clauses as PolicyClause[] | Record<string, string>;
  const policy = { ...candidate, clauses: Array.isArray(clauses) ? Object.fromEntries(clauses.map((clause) => [clause.id, clause.text])) : { ...clauses } } as Policy;
  return { ok: true, policy: withFieldsInOrder(policy) };
}

/** The policy as people read it: durations for windows, a list of clauses. */
export function toPolicyDocument(policy: Policy): PolicyDocument {
  const document: Record<string, unknown> = { version: policy.version };
  for (const field of POLICY_WINDOW_FIELDS) document[documentName(field)] = formatDuration(policy[field]);
  for (const field of POLICY_LIMIT_FIELDS) document[field] = policy[field];
  document.clauses = Object.entries(policy.clauses).map(([id, text]) => ({ id, text }));
  return document as PolicyDocument;
}

/** The same key order for every stored policy, so equal policies serialise alike. */
function withFieldsInOrder(policy: Policy): Policy {
  const ordered: Record<string, unknown> = { version: policy.version };
  for (const field of [...POLICY_WINDOW_FIELDS, ...POLICY_LIMIT_FIELDS]) ordered[field] = policy[field];
  ordered.clauses = policy.clauses;
  return ordered as unknown as Policy;
}
