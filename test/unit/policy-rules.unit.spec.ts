import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  availableActions,
  canRead,
  COMMAND_TYPES,
  decide,
  defaultPolicy,
  formatDuration,
  initialState,
  isPolicyLine,
  parseDuration,
  readPolicyDocument,
  toPolicyDocument,
  validatePolicy,
  type Actor,
  type DisputeCommand,
} from '../../libs/domain/src';
import { ctx, OPENED_AT, openData } from './support/fixtures';
import { histories } from './support/histories';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const fieldsOf = (problems: { field?: string }[]) => problems.map((problem) => problem.field);

describe('policy durations (ISO-8601 days, hours, minutes, seconds)', () => {
  it.each([
    ['P5D', 5 * DAY],
    ['PT12H', 12 * HOUR],
    ['P1DT6H', DAY + 6 * HOUR],
    ['PT90M', 90 * 60 * 1000],
    ['PT2S', 2000],
    ['PT2.5S', 2500],
    ['PT0.001S', 1],
    ['P3650D', 3650 * DAY],
  ])('reads %s as %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'P', 'PT', '5D', 'P1M', 'P1Y', 'P2W', 'P1.5D', 'PT1.0001S', 'P-1D', 'p5d', ' P5D', 'P5DT'])('refuses %j', (text) => expect(parseDuration(text)).toBeNull());

  it.each([5 * DAY, 12 * HOUR, DAY + 6 * HOUR, 90 * 60 * 1000, 2000, 2500, 1, 0, DAY + 1])('formats %d ms as a duration that reads back the same', (ms) => {
    expect(parseDuration(formatDuration(ms))).toBe(ms);
  });

  it('formats the usual windows plainly', () => {
    expect([5 * DAY, HOUR, DAY + 6 * HOUR, 2500].map(formatDuration)).toEqual(['P5D', 'PT1H', 'P1DT6H', 'PT2.5S']);
  });
});

describe('validatePolicy', () => {
  const withChange = (change: Record<string, unknown>) => ({ ...defaultPolicy, ...change });

  it('accepts the built-in policy', () => {
    expect(validatePolicy(defaultPolicy)).toEqual([]);
  });

  it.each(['sellerResponseWindowMs', 'appealWindowMs', 'resolutionTargetMs', 'maxDeadlineExtensionMs'])('refuses a %s that is not positive', (field) => {
    for (const bad of [0, -1, 1.5, '5 days', null]) {
      const problems = validatePolicy(withChange({ [field]: bad }));
      expect(problems).toEqual([expect.objectContaining({ code: 'VALIDATION', field })]);
      expect(problems[0].message).toMatch(new RegExp(`^${field} must be a positive duration`));
    }
  });

  it('refuses windows over ten years', () => {
    expect(fieldsOf(validatePolicy(withChange({ negotiationWindowMs: 3651 * DAY })))).toEqual(['negotiationWindowMs']);
  });

  it('needs the information request window\u2019s minimum \u2264 default \u2264 maximum', () => {
    expect(validatePolicy(withChange({ informationRequestMinMs: 4 * DAY, informationRequestDefaultMs: 3 * DAY }))).toEqual([
      expect.objectContaining({ field: 'informationRequestDefaultMs', message: expect.stringMatching(/not be shorter than the minimum/) }),
    ]);
    expect(validatePolicy(withChange({ informationRequestMaxMs: 2 * DAY, informationRequestDefaultMs: 3 * DAY }))).toEqual([
      expect.objectContaining({ field: 'informationRequestDefaultMs', message: expect.stringMatching(/not be longer than the maximum/) }),
    ]);
    expect(validatePolicy(withChange({ informationRequestMinMs: 3 * DAY, informationRequestMaxMs: 3 * DAY }))).toEqual([]);
  });

  it.each(['maxDisputesPerOrder', 'maxTextLength', 'maxOffersPerParty', 'maxExtensionsPerDeadline'])('needs %s to be a positive whole number', (field) => {
    for (const bad of [0, -2, 2.5, '3', 1_000_001]) expect(fieldsOf(validatePolicy(withChange({ [field]: bad })))).toEqual([field]);
  });

  it('needs the second edition\u2019s fields, saying so', () => {
    const { replacementShipmentWindowMs: _a, maxExtensionsPerDeadline: _b, ...firstEdition } = defaultPolicy;
    const problems = validatePolicy(firstEdition);
    expect(fieldsOf(problems)).toEqual(['replacementShipmentWindowMs', 'maxExtensionsPerDeadline']);
    expect(problems[0].message).toMatch(/required \(the rulebook's second edition added it\)/);
  });

  it('needs a version label', () => {
    expect(fieldsOf(validatePolicy(withChange({ version: '  ' })))).toEqual(['version']);
    expect(fieldsOf(validatePolicy(withChange({ version: ' 2027 ' })))).toEqual(['version']);
    expect(fieldsOf(validatePolicy(withChange({ version: 'x'.repeat(65) })))).toEqual(['version']);
  });

  it('checks clauses: some, ids unique and well-formed, texts non-empty', () => {
    expect(fieldsOf(validatePolicy(withChange({ clauses: {} })))).toEqual(['clauses']);
    expect(fieldsOf(validatePolicy(withChange({ clauses: 'NR-1' })))).toEqual(['clauses']);
    expect(fieldsOf(validatePolicy(withChange({ clauses: { 'NR-1': 'ok', 'nr 2': 'ok', 'NR-3': '  ' } })))).toEqual(['clauses[1].id', 'clauses[2].text']);
    const duplicate = validatePolicy(withChange({ clauses: [{ id: 'NR-1', text: 'a' }, { id: 'NR-2', text: 'b' }, { id: 'NR-1', text: 'c' }] }));
    expect(duplicate).toEqual([expect.objectContaining({ field: 'clauses[2].id', message: 'Clause id NR-1 appears twice; each clause needs its own id.' })]);
    expect(fieldsOf(validatePolicy(withChange({ clauses: [{ id: 'EU-RET-3', text: 'a' }, { id: 'GEN-1a', text: 'b' }, null] })))).toEqual(['clauses[1].id', 'clauses[2].id', 'clauses[2].text']);
  });

  it('returns every problem, in field order', () => {
    const problems = validatePolicy(withChange({ version: '', sellerResponseWindowMs: 0, maxDisputesPerOrder: 0, clauses: { bad: '' } }));
    expect(fieldsOf(problems)).toEqual(['version', 'sellerResponseWindowMs', 'maxDisputesPerOrder', 'clauses[0].id', 'clauses[0].text']);
  });

  it('refuses what is not a policy at all', () => {
    for (const bad of [null, 'policy', 42, []]) expect(fieldsOf(validatePolicy(bad))).toEqual(['policy']);
  });
});

describe('policy documents (what files and publishPolicy carry)', () => {
  const document = () => toPolicyDocument(defaultPolicy) as unknown as Record<string, unknown>;

  it('writes windows as durations under their names without Ms, and clauses as a list', () => {
    expect(document()).toMatchObject({ version: defaultPolicy.version, sellerResponseWindow: 'P5D', informationRequestMin: 'PT1H', maxDisputesPerOrder: 2, clauses: expect.arrayContaining([{ id: 'NR-1', text: defaultPolicy.clauses['NR-1'] }]) });
    expect(Object.keys(document()).some((key) => key.endsWith('Ms'))).toBe(false);
  });

  it('reads back the built-in policy exactly', () => {
    expect(readPolicyDocument(document())).toEqual({ ok: true, policy: defaultPolicy });
  });

  it('reads the shipped default.yaml as the built-in policy', () => {
    const file = parseYaml(readFileSync(join(__dirname, '..', '..', 'docs', 'policies', 'default.yaml'), 'utf8')) as unknown;
    expect(readPolicyDocument(file)).toEqual({ ok: true, policy: defaultPolicy });
  });

  it('names the document\u2019s own fields in its problems', () => {
    const reading = readPolicyDocument({ ...document(), sellerResponseWindow: '5 days', informationRequestDefault: 'PT30M', maxOffersPerParty: 0 });
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems).toEqual([
      expect.objectContaining({ field: 'sellerResponseWindow', message: expect.stringMatching(/^sellerResponseWindow must be an ISO-8601 duration .* got "5 days"\.$/) }),
      expect.objectContaining({ field: 'informationRequestDefault', message: expect.stringMatching(/shorter than the minimum \(informationRequestMin\)/) }),
      expect.objectContaining({ field: 'maxOffersPerParty' }),
    ]);
  });

  it('refuses fields it does not know, pointing at the right spelling', () => {
    const reading = readPolicyDocument({ ...document(), sellerResponseWindowMs: 432000000, line: 'eu', colour: 'blue' });
    expect(reading.ok || fieldsOf(reading.problems)).toEqual(['sellerResponseWindowMs', 'line', 'colour']);
    expect(reading.ok || reading.problems[0].message).toMatch(/Write it as sellerResponseWindow, a duration/);
  });

  it('reports a missing window once, by its document name', () => {
    const { appealWindow: _dropped, ...rest } = document();
    expect(readPolicyDocument(rest)).toEqual({ ok: false, problems: [expect.objectContaining({ field: 'appealWindow', message: 'appealWindow is required.' })] });
  });

  it('turns a list of clauses into the pinned map, in order', () => {
    const reading = readPolicyDocument({ ...document(), clauses: [{ id: 'B-1', text: 'second' }, { id: 'A-1', text: 'first' }] });
    expect(reading.ok && Object.entries(reading.policy.clauses)).toEqual([['B-1', 'second'], ['A-1', 'first']]);
  });
});

describe('policy line ids', () => {
  it.each(['default', 'electronics', 'eu', 'luxury-sellers', 'tier2'])('accepts %s', (line) => expect(isPolicyLine(line)).toBe(true));
  it.each(['', 'EU', '2eu', '-eu', 'eu_west', 'e u', 'a'.repeat(41), 42, null])('refuses %j', (line) => expect(isPolicyLine(line)).toBe(false));
});

describe('an administrator and disputes', () => {
  const admin: Actor = { role: 'ADMIN', id: 'admin-ava' };
  const states = { open: histories.open(), negotiating: histories.negotiating(), claimed: histories.claimed(), decided: histories.decided(), resolved: histories.resolvedWithRefund() };

  it.each(Object.entries(states))('reads no dispute and may do nothing on it (%s)', (_name, history) => {
    const state = history.state;
    expect(canRead(state, admin)).toBe(false);
    expect(availableActions(state, admin)).toEqual([]);
    for (const type of COMMAND_TYPES) {
      const decision = decide({ type, actor: admin, data: {} } as unknown as DisputeCommand, state, ctx(history.state.lastEventAt ?? OPENED_AT));
      // Like a stranger: the dispute does not exist for them (an opening is refused for the role).
      expect({ type, decision }).toEqual({ type, decision: { ok: false, rejection: expect.objectContaining({ code: type === 'OpenDispute' ? 'FORBIDDEN' : 'NOT_FOUND' }) } });
    }
  });

  it('may not open a dispute', () => {
    const decision = decide({ type: 'OpenDispute', actor: admin, data: openData() }, initialState, ctx(OPENED_AT));
    expect(decision).toEqual({ ok: false, rejection: expect.objectContaining({ code: 'FORBIDDEN', message: 'Only the buyer may open a dispute.' }) });
  });
});
