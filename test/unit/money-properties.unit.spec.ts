// Properties of money across currencies: formatting is exact and reversible for every exponent,
// amounts up to 2^53 - 1 keep every digit, and a dispute covering lines never refunds more than
// the order has left.
import fc from 'fast-check';
import type { OrderFacts, OrderLine } from '../../libs/domain/src';
import { CURRENCY_EXPONENTS, decide, formatMoney, initialState, parseMoney, readOrderLines, refundableCeiling, refundableMinor } from '../../libs/domain/src';
import { buyer, ctx, OPENED_AT, openData, order, uploadsFor } from './support/fixtures';

const codesWith = (exponent: number) => Object.keys(CURRENCY_EXPONENTS).filter((code) => CURRENCY_EXPONENTS[code] === exponent);
// The list has currencies of exponents 0, 2, 3 and 4; none has 1.
const currency = fc.constantFrom(...Object.keys(CURRENCY_EXPONENTS));
const amount = fc.maxSafeNat();

describe('money properties', () => {
  it('formatting round-trips exactly for every exponent and every safe amount', () => {
    for (const exponent of [0, 2, 3, 4]) {
      fc.assert(
        fc.property(fc.constantFrom(...codesWith(exponent)), amount, (code, minor) => {
          const text = formatMoney(minor, code);
          expect(parseMoney(text)).toEqual({ amountMinor: minor, currency: code });
          expect(text.split(' ')[0].split('.')[1]?.length ?? 0).toBe(exponent);
        }),
      );
    }
  });

  it('amounts keep every digit up to 2^53 - 1: in the text and through JSON (Temporal payloads, jsonb)', () => {
    fc.assert(
      fc.property(currency, amount, (code, minor) => {
        const digits = formatMoney(minor, code).split(' ')[0].replace('.', '');
        expect(BigInt(digits)).toBe(BigInt(minor));
        expect(JSON.parse(JSON.stringify({ amountMinor: minor })).amountMinor).toBe(minor);
      }),
    );
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'JPY')).toBe('9007199254740991 JPY');
  });

  it('a full refund asked at opening is exactly what is left on the order, in any currency', () => {
    fc.assert(
      fc.property(currency, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.double({ min: 0, max: 1, noNaN: true }), (code, paid, share) => {
        const refunded = Math.floor(paid * share * 0.999);
        const facts: OrderFacts = { ...order, amountPaid: { amountMinor: paid, currency: code }, amountRefundedMinor: refunded };
        const command = { type: 'OpenDispute' as const, actor: buyer, data: openData({ requestedResolution: { kind: 'FULL_REFUND' } }) };
        const decision = decide(command, initialState, ctx(OPENED_AT, { order: facts, evidenceFiles: uploadsFor(command) }));
        expect(decision.ok && decision.events[1].data).toMatchObject({ terms: { amount: { amountMinor: paid - refunded, currency: code } } });
      }),
    );
  });

  /** An order whose lines the feed would accept: totals within what was paid. */
  const orderWithLines = fc
    .record({
      code: currency,
      lines: fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 1_000 }), unitPrice: fc.integer({ min: 0, max: 2 ** 40 }), refundedShare: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 8 }),
      slack: fc.integer({ min: 0, max: 2 ** 40 }),
      refundedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      named: fc.array(fc.nat(7), { maxLength: 8 }),
    })
    .map(({ code, lines, slack, refundedShare, named }) => {
      const orderLines: OrderLine[] = lines.map((l, i) => {
        const total = l.quantity * l.unitPrice;
        return { lineId: `line-${i}`, sku: `sku-${i}`, title: `Item ${i}`, quantity: l.quantity, unitPrice: { amountMinor: l.unitPrice, currency: code }, refundedMinor: Math.floor(total * l.refundedShare) };
      });
      const paid = Math.max(1, orderLines.reduce((sum, l) => sum + l.quantity * l.unitPrice.amountMinor, 0) + slack);
      const facts: OrderFacts = { ...order, amountPaid: { amountMinor: paid, currency: code }, amountRefundedMinor: Math.floor(paid * refundedShare), lines: orderLines };
      const lineIds = [...new Set(named.filter((n) => n < orderLines.length).map((n) => `line-${n}`))];
      return { facts, lineIds };
    });

  it('the lines of such an order pass the feed\u2019s checks', () => {
    fc.assert(
      fc.property(orderWithLines, ({ facts }) => {
        expect(readOrderLines(facts.lines, 'lines', facts.amountPaid.amountMinor, facts.amountPaid.currency)).toEqual({ ok: true, value: facts.lines });
      }),
    );
  });

  it('a ceiling from lines never exceeds what is left on the order, and is what a full refund on them asks', () => {
    fc.assert(
      fc.property(orderWithLines, ({ facts, lineIds }) => {
        const ceiling = refundableCeiling(facts, lineIds);
        expect(ceiling).toBeGreaterThanOrEqual(0);
        expect(ceiling).toBeLessThanOrEqual(refundableMinor(facts));
        expect(Number.isSafeInteger(ceiling)).toBe(true);
        const opening = decide(
          { type: 'OpenDispute', actor: buyer, data: openData({ reason: 'NOT_RECEIVED', subReason: undefined, evidence: [], lineIds, requestedResolution: { kind: 'FULL_REFUND' } }) },
          initialState,
          ctx(OPENED_AT, { order: facts }),
        );
        if (ceiling === 0) {
          expect(opening).toMatchObject({ ok: false, rejection: { code: 'VALIDATION', field: 'requestedResolution.kind' } });
        } else {
          expect(opening.ok && opening.events[1].data).toMatchObject({ terms: { amount: { amountMinor: ceiling, currency: facts.amountPaid.currency } } });
        }
      }),
    );
  });
});
