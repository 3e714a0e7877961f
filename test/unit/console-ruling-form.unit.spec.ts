// The console's decision form refuses before sending what the API would refuse. These specs
// hold it to that: each draft goes both through the form's check and, as the command it would
// become, through the domain's decide on a claimed case; both accept with the same refund, or
// both refuse with the same sentence and field.
import { parseAmountInput } from '../../apps/console/src/format/amount-input';
import { ceilingOf, checkRuling, type RulingDraft, type RulingFacts } from '../../apps/console/src/pages/mediator/case-file/ruling-rules';
import { defaultPolicy, type DecisionData } from '../../libs/domain/src';
import { mediator } from './support/fixtures';
import { cmd, histories } from './support/histories';
import { given } from './support/spec';

const claimed = histories.claimed();
const state = claimed.state;
const facts: RulingFacts = {
  reason: state.reason!,
  currency: 'EUR',
  opening: { order: state.order!, lineIds: null },
  maxTextLength: defaultPolicy.maxTextLength,
  returnContested: false,
};
const draft = (overrides: Partial<RulingDraft> = {}): RulingDraft => ({
  outcome: 'PARTIAL_REFUND',
  amountText: '15.00',
  citedEvidenceIds: ['ev-1'],
  citedPolicyClauses: ['NAD-2'],
  rationale: 'The photo shows a crack the listing did not mention.',
  ...overrides,
});

/** The command the form would send for a draft whose amount it could read. */
function commandOf(d: RulingDraft): DecisionData {
  const parsed = d.outcome === 'PARTIAL_REFUND' && d.amountText.trim() !== '' ? parseAmountInput(d.amountText, 'EUR') : null;
  return {
    outcome: d.outcome,
    ...(parsed?.ok ? { amount: { amountMinor: parsed.minorUnits, currency: 'EUR' } } : {}),
    rationale: d.rationale,
    citedEvidenceIds: d.citedEvidenceIds,
    citedPolicyClauses: d.citedPolicyClauses,
  } as DecisionData;
}

describe('the decision form’s check', () => {
  it.each([
    ['a partial refund within the ceiling', draft()],
    ['a partial refund of the whole ceiling', draft({ amountText: '100' })],
    ['a partial refund above the ceiling', draft({ amountText: '100.01' })],
    ['a partial refund of zero', draft({ amountText: '0.00' })],
    ['a partial refund without an amount', draft({ amountText: '  ' })],
    ['a full refund', draft({ outcome: 'FULL_REFUND', amountText: '' })],
    ['a return and refund', draft({ outcome: 'RETURN_AND_REFUND', amountText: '' })],
    ['no refund', draft({ outcome: 'NO_REFUND', amountText: '' })],
    ['an empty rationale', draft({ rationale: '   ' })],
    ['a rationale over the policy’s length', draft({ rationale: 'x'.repeat(defaultPolicy.maxTextLength + 1) })],
    ['no cited clause', draft({ citedPolicyClauses: [] })],
    ['no cited evidence (allowed)', draft({ citedEvidenceIds: [] })],
  ])('agrees with the domain on %s', (_, d) => {
    const form = checkRuling(d, facts);
    const { decision } = given(claimed.events).when(cmd('IssueDecision', mediator, commandOf(d)));
    if (decision.ok) {
      expect(form).toMatchObject({ ok: true });
      const issued = decision.events.find((event) => event.type === 'DecisionIssued');
      expect(form.ok && form.ruling.refundMinor).toBe(issued?.type === 'DecisionIssued' ? (issued.data.refund?.amountMinor ?? null) : 'missing');
    } else {
      expect(form).toEqual({ ok: false, error: { code: decision.rejection.code, message: decision.rejection.message, field: decision.rejection.field } });
    }
  });

  it('shows the ceiling the domain computes, and refuses a contested return again before sending', () => {
    expect(ceilingOf(facts)).toBe(10_000);
    expect(ceilingOf({ ...facts, opening: null })).toBeNull();
    expect(checkRuling(draft({ outcome: 'RETURN_AND_REFUND' }), { ...facts, returnContested: true })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'The item has already been returned, so the ruling cannot require another return.', field: 'outcome' },
    });
  });

  it('without the order snapshot leaves the ceiling to the API but still refuses zero', () => {
    expect(checkRuling(draft({ amountText: '999999' }), { ...facts, opening: null })).toMatchObject({ ok: true, ruling: { refundMinor: 99_999_900 } });
    expect(checkRuling(draft({ amountText: '0' }), { ...facts, opening: null })).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'A partial refund must be more than zero.', field: 'amount.amountMinor' } });
  });
});

describe('reading a typed amount', () => {
  it.each([
    ['12.5', 'EUR', 1250],
    ['12,50', 'EUR', 1250],
    [' 7 ', 'EUR', 700],
    ['1234', 'JPY', 1234],
    ['1.234', 'KWD', 1234],
  ])('%s %s is %d minor units', (text, currency, minor) => {
    expect(parseAmountInput(text, currency)).toEqual({ ok: true, minorUnits: minor });
  });
  it.each([
    ['12.345', 'EUR', 'EUR has 2 decimal places at most.'],
    ['12.5', 'JPY', 'JPY has no decimal places.'],
    ['-3', 'EUR', 'Enter the amount in EUR as a number, for example 12.50.'],
    ['twelve', 'EUR', 'Enter the amount in EUR as a number, for example 12.50.'],
    ['99999999999999999', 'EUR', 'The amount is too large.'],
  ])('refuses %s %s with a sentence', (text, currency, message) => {
    expect(parseAmountInput(text, currency)).toEqual({ ok: false, message });
  });
});
