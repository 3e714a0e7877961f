// The MinorUnits scalar on its own: what it accepts, what it refuses, and that no amount up to
// 2^53 - 1 loses a digit on the way in or out.
import fc from 'fast-check';
import { Kind } from 'graphql';
import { MinorUnits } from '../../apps/api/src/graphql/minor-units.scalar';
import { amountField, moneyOf } from '../../apps/api/src/graphql/money.types';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as { message: string; extensions: Record<string, unknown> };
  }
  throw new Error('expected a refusal');
};

describe('the MinorUnits scalar', () => {
  it('round-trips every safe amount exactly, as a decimal string', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (minor) => {
        const served = MinorUnits.serialize(minor);
        expect(served).toBe(BigInt(minor).toString());
        expect(MinorUnits.parseValue(served)).toBe(minor);
        expect(MinorUnits.parseValue(minor)).toBe(minor);
        expect(MinorUnits.parseLiteral({ kind: Kind.INT, value: served })).toBe(minor);
      }),
    );
  });

  it('accepts the largest exact amount and refuses the next one, as text or as a literal', () => {
    expect(MinorUnits.parseValue('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    for (const run of [() => MinorUnits.parseValue('9007199254740992'), () => MinorUnits.parseLiteral({ kind: Kind.INT, value: '9007199254740992' }), () => MinorUnits.parseValue(2 ** 53)]) {
      expect(refusal(run)).toMatchObject({ extensions: { code: 'VALIDATION' }, message: expect.stringMatching(/beyond 9007199254740991/) });
    }
  });

  it('refuses fractions, exponents, signs, leading zeros and other types with VALIDATION', () => {
    for (const value of ['12.5', '1e3', '-5', '+5', '007', ' 5', '', 'ten', 1.5, -1, true, null, {}]) {
      expect(refusal(() => MinorUnits.parseValue(value))).toMatchObject({ extensions: { code: 'VALIDATION' }, message: expect.stringMatching(/^MinorUnits is a whole number of minor units from 0 to 9007199254740991/) });
    }
    expect(refusal(() => MinorUnits.parseLiteral({ kind: Kind.FLOAT, value: '1.5' })).extensions.code).toBe('VALIDATION');
    expect(refusal(() => MinorUnits.parseLiteral({ kind: Kind.INT, value: '-1' })).message).toMatch(/negative/);
  });

  it('never serializes something that is not an exact amount', () => {
    for (const value of [1.5, -1, 2 ** 53, '5']) expect(() => MinorUnits.serialize(value)).toThrow(/Not an amount of minor units/);
  });
});

describe('an amount in an input', () => {
  it('is taken from whichever of minorUnits and amountMinor is given', () => {
    expect(moneyOf({ minorUnits: 250_000_000_000, currency: 'IDR' }, 'amount')).toEqual({ amountMinor: 250_000_000_000, currency: 'IDR' });
    expect(moneyOf({ amountMinor: 1999, minorUnits: null, currency: 'EUR' }, 'amount')).toEqual({ amountMinor: 1999, currency: 'EUR' });
  });

  it('a refusal blames the field the client used', () => {
    expect(amountField({ minorUnits: 0, currency: 'EUR' }, 'amountPaid')).toBe('amountPaid.minorUnits');
    expect(amountField({ amountMinor: 0, currency: 'EUR' }, 'amountPaid')).toBe('amountPaid.amountMinor');
  });

  it('must be given exactly once', () => {
    expect(() => moneyOf({ minorUnits: 1, amountMinor: 1, currency: 'EUR' }, 'terms.amount')).toThrow(/not both/);
    expect(refusal(() => moneyOf({ currency: 'EUR' }, 'terms.amount')).extensions).toEqual({ code: 'VALIDATION', field: 'terms.amount.minorUnits' });
  });
});
