import { parseAmountInput } from '../../apps/console/src/format/amount-input';
import { formatMoney } from '../../libs/domain/src/money';

// The Open Dispute form's partial-refund field: what a person types, in the currency's units,
// becomes exact minor units or nothing; never a rounded float.
describe('the console\u2019s amount input', () => {
  it.each([
    ['25.5', 'EUR', 2550],
    ['25.50', 'EUR', 2550],
    ['25,50', 'EUR', 2550],
    ['25', 'EUR', 2500],
    [' 0.01 ', 'EUR', 1],
    ['007.10', 'EUR', 710],
    ['1234', 'JPY', 1234],
    ['1.234', 'KWD', 1234],
    ['0.1', 'KWD', 100],
    ['90071992547409.91', 'EUR', Number.MAX_SAFE_INTEGER],
    ['0.29', 'EUR', 29],
  ])('reads %j %s as %d minor units', (text, currency, minor) => {
    expect(parseAmountInput(text, currency)).toEqual({ ok: true, minorUnits: minor });
  });

  it.each([
    ['25.555', 'EUR'],
    ['12.5', 'JPY'],
    ['', 'EUR'],
    ['-5', 'EUR'],
    ['1e3', 'EUR'],
    ['12.5 EUR', 'EUR'],
    ['ten', 'EUR'],
    ['90071992547409.92', 'EUR'],
  ])('refuses %j in %s', (text, currency) => {
    expect(parseAmountInput(text, currency)).toMatchObject({ ok: false });
  });

  it('reads back every amount formatMoney writes', () => {
    for (const [minor, currency] of [[0, 'EUR'], [1, 'EUR'], [12999, 'EUR'], [4500, 'JPY'], [1001, 'KWD'], [Number.MAX_SAFE_INTEGER, 'EUR']] as const) {
      expect(parseAmountInput(formatMoney(minor, currency).split(' ')[0]!, currency)).toEqual({ ok: true, minorUnits: minor });
    }
  });
});
