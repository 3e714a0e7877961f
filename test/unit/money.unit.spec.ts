// Money in every currency: the ISO 4217 table, amounts shown in the currency's own units,
// unknown currencies refused, safe integers only, and the ceiling of a dispute that covers
// some of an order's lines.
import type { OrderFacts, OrderLine } from '../../libs/domain/src';
import { CURRENCY_EXPONENTS, currencyExponent, formatMoney, isKnownCurrency, parseMoney, readCurrency, readOrderLines, refundableCeiling } from '../../libs/domain/src';
import { at, buyer, DAY, HOUR, mediator, OPENED_AT, openData, opened, order, seller } from './support/fixtures';
import { cmd, History, ruling } from './support/histories';
import { given } from './support/spec';

const open = (data = openData(), actor = buyer) => ({ type: 'OpenDispute' as const, actor, data });
const money = (amountMinor: number, currency: string) => ({ amountMinor, currency });
const line = (lineId: string, quantity: number, unitPriceMinor: number, refundedMinor = 0, currency = 'EUR'): OrderLine => ({
  lineId,
  sku: `sku-${lineId}`,
  title: `Item ${lineId}`,
  quantity,
  unitPrice: money(unitPriceMinor, currency),
  refundedMinor,
});
/** 100.00 EUR paid for a phone (1 x 60.00), two cases (2 x 15.00, 5.00 of them refunded) and a cable (1 x 10.00). */
const withLines: OrderFacts = { ...order, lines: [line('phone', 1, 6_000), line('case', 2, 1_500, 500), line('cable', 1, 1_000)] };

describe('the ISO 4217 table', () => {
  it('knows each currency\u2019s minor-unit exponent', () => {
    expect(['JPY', 'EUR', 'KWD', 'BHD', 'CLP', 'ISK', 'UGX', 'IDR', 'COP', 'CLF', 'UYW'].map(currencyExponent)).toEqual([0, 2, 3, 3, 0, 0, 0, 2, 2, 4, 4]);
  });

  it('holds only well-formed codes, each once, with exponents 0 to 4', () => {
    const codes = Object.keys(CURRENCY_EXPONENTS);
    expect(codes.length).toBeGreaterThan(150);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{3}$/);
    expect(new Set(Object.values(CURRENCY_EXPONENTS))).toEqual(new Set([0, 2, 3, 4]));
  });

  it('leaves out codes without a minor unit, withdrawn codes, look-alikes and inherited keys', () => {
    for (const code of ['XAU', 'XXX', 'XTS', 'XDR', 'HRK', 'SLL', 'eur', 'EURO', 'toString', '__proto__', 42, null]) expect(isKnownCurrency(code)).toBe(false);
  });

  it('refuses a feed currency it does not list, naming the field', () => {
    expect(readCurrency('ABC', 'amountPaid.currency')).toEqual({
      ok: false,
      rejection: { code: 'VALIDATION', field: 'amountPaid.currency', message: 'The currency must be an active ISO 4217 code such as EUR, JPY or KWD.' },
    });
    expect(readCurrency('KWD', 'amountPaid.currency')).toEqual({ ok: true, value: 'KWD' });
  });
});

describe('amounts in sentences', () => {
  it('puts the decimal point where the currency puts it, without thousands separators', () => {
    expect(formatMoney(1234, 'JPY')).toBe('1234 JPY');
    expect(formatMoney(1234, 'EUR')).toBe('12.34 EUR');
    expect(formatMoney(1234, 'KWD')).toBe('1.234 KWD');
    expect(formatMoney(5, 'CLF')).toBe('0.0005 CLF');
    expect(formatMoney(0, 'BHD')).toBe('0.000 BHD');
    expect(formatMoney(250_000_000_000, 'IDR')).toBe('2500000000.00 IDR');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'EUR')).toBe('90071992547409.91 EUR');
  });

  it('keeps the sign of a negative amount in front', () => {
    expect(formatMoney(-5, 'EUR')).toBe('-0.05 EUR');
    expect(parseMoney('-0.05 EUR')).toEqual(money(-5, 'EUR'));
  });

    it('shows a code the table does not list with two decimals, as amounts always were', () => {
    expect(formatMoney(1234, 'ABC')).toBe('12.34 ABC');
  });

  it('parses only the exact form it writes', () => {
    expect(parseMoney('1.234 KWD')).toEqual(money(1234, 'KWD'));
    for (const text of ['1.23 KWD', '12.340 EUR', '1234.0 JPY', '01.00 EUR', '1,234 JPY', '12.34EUR', '99999999999999999 JPY']) expect(parseMoney(text)).toBeNull();
  });

  it('a refusal shows the ceiling in yen, not in hundredths of a yen', () => {
    const yen: OrderFacts = { ...order, amountPaid: money(5_000, 'JPY') };
    const message = given([])
      .when(open(openData({ requestedResolution: { kind: 'PARTIAL_REFUND', amount: money(6_000, 'JPY') } })), { now: OPENED_AT, order: yen })
      .rejects('VALIDATION', 'requestedResolution.amount.amountMinor');
    expect(message).toBe('A refund cannot exceed the 5000 JPY still refundable on this order.');
  });

  it('a refusal shows dinars with three decimals', () => {
    const dinars: OrderFacts = { ...order, amountPaid: money(12_345, 'KWD') };
    const message = given([])
      .when(open(openData({ requestedResolution: { kind: 'FULL_REFUND', amount: money(1, 'KWD') } })), { now: OPENED_AT, order: dinars })
      .rejects('VALIDATION', 'requestedResolution.amount.amountMinor');
    expect(message).toMatch(/^A full refund is the 12\.345 KWD still refundable on this order;/);
  });
});

describe('large amounts', () => {
  const rupiah: OrderFacts = { ...order, amountPaid: money(900_000_000_000, 'IDR') };

  it('opens a dispute for an amount far beyond 32 bits, exactly', () => {
    const { decision } = given([]).when(open(openData({ requestedResolution: { kind: 'PARTIAL_REFUND', amount: money(250_000_000_000, 'IDR') } })), { now: OPENED_AT, order: rupiah });
    expect(decision.ok && decision.events[1].data).toMatchObject({ terms: { kind: 'PARTIAL_REFUND', amount: money(250_000_000_000, 'IDR') } });
  });

  it('refuses an amount beyond 2^53 - 1 minor units, which a number cannot hold exactly', () => {
    const message = given([])
      .when(open(openData({ requestedResolution: { kind: 'PARTIAL_REFUND', amount: money(2 ** 53, 'IDR') } })), { now: OPENED_AT, order: rupiah })
      .rejects('VALIDATION', 'requestedResolution.amount.amountMinor');
    expect(message).toBe('The amount must be at most 9007199254740991 minor units.');
  });
});

describe('an order in a currency the table does not list', () => {
  const unknown: OrderFacts = { ...order, amountPaid: money(10_000, 'ABC') };

  it('cannot be disputed under the second edition', () => {
    const message = given([]).when(open(), { now: OPENED_AT, order: unknown }).rejects('VALIDATION', 'orderId');
    expect(message).toMatch(/currency is not an ISO 4217 code/);
  });

  it('is opened as before under the first edition', () => {
    const { decision } = given([]).when(open(openData({ requestedResolution: { kind: 'FULL_REFUND' } })), { now: OPENED_AT, order: unknown, rulebook: 1 });
    expect(decision.ok && decision.events[0].data).toMatchObject({ order: unknown, requestedResolution: { amount: money(10_000, 'ABC') } });
  });

  it('an amount in a code the table does not list is refused as not the order\u2019s currency', () => {
    const message = given([])
      .when(open(openData({ requestedResolution: { kind: 'PARTIAL_REFUND', amount: money(100, 'XYZ') } })))
      .rejects('VALIDATION', 'requestedResolution.amount.currency');
    expect(message).toBe("The amount\u2019s currency is not an ISO 4217 code; it must be the order's currency, EUR.");
  });
});

describe('order lines from the feed', () => {
  const read = (lines: unknown, paid = 10_000) => readOrderLines(lines, 'lines', paid, 'EUR');
  const refusal = (lines: unknown, paid = 10_000) => {
    const result = read(lines, paid);
    if (result.ok) throw new Error('expected a refusal');
    return result.rejection;
  };

  it('reads well-formed lines, with nothing refunded by default', () => {
    const { refundedMinor: _, ...raw } = line('a', 2, 1_500);
    expect(read([raw])).toEqual({ ok: true, value: [line('a', 2, 1_500)] });
    expect(read(undefined)).toEqual({ ok: true, value: [] });
  });

  it('refuses a repeated line id', () => {
    expect(refusal([line('a', 1, 100), line('a', 1, 100)])).toMatchObject({ code: 'VALIDATION', field: 'lines[1].lineId' });
  });

  it('refuses a quantity that is not a whole number of at least 1', () => {
    for (const quantity of [0, -1, 1.5, '2']) expect(refusal([{ ...line('a', 1, 100), quantity }])).toMatchObject({ field: 'lines[0].quantity' });
  });

  it('refuses a unit price in another currency or beyond a safe integer', () => {
    expect(refusal([line('a', 1, 100, 0, 'USD')])).toMatchObject({ field: 'lines[0].unitPrice.currency' });
    expect(refusal([line('a', 1, 2 ** 53)], Number.MAX_SAFE_INTEGER)).toMatchObject({ field: 'lines[0].unitPrice.amountMinor' });
    expect(refusal([line('a', 3, 2 ** 52)], Number.MAX_SAFE_INTEGER)).toMatchObject({ field: 'lines[0].quantity', message: expect.stringMatching(/too large/) });
  });

  it('refuses a list that is not one, or too long', () => {
    expect(read(null)).toEqual({ ok: true, value: [] });
    expect(refusal({ lineId: 'a' })).toMatchObject({ field: 'lines', message: 'The order lines must be a list.' });
    expect(refusal(Array.from({ length: 501 }, (_, i) => line(`l${i}`, 1, 1)))).toMatchObject({ field: 'lines', message: 'An order may have at most 500 lines (this one has 501).' });
  });

  it('refuses a line that is not an object, or lacks its id, SKU or title', () => {
    expect(refusal(['phone'])).toMatchObject({ field: 'lines[0]' });
    expect(refusal([{ ...line('a', 1, 100), lineId: ' ' }])).toMatchObject({ field: 'lines[0].lineId' });
    expect(refusal([{ ...line('a', 1, 100), sku: 7 }])).toMatchObject({ field: 'lines[0].sku' });
    expect(refusal([{ ...line('a', 1, 100), title: '' }])).toMatchObject({ field: 'lines[0].title' });
    expect(refusal([{ ...line('a', 1, 100), refundedMinor: -1 }])).toMatchObject({ field: 'lines[0].refundedMinor' });
  });

  it('refuses more refunded on a line than its total', () => {
    expect(refusal([line('a', 2, 100, 201)])).toMatchObject({ field: 'lines[0].refundedMinor', message: 'The amount refunded on a line cannot exceed its total, 2.00 EUR.' });
  });

  it('refuses lines worth more than was paid', () => {
    expect(refusal([line('a', 1, 6_000), line('b', 1, 4_001)])).toMatchObject({ field: 'lines', message: expect.stringMatching(/more than the 100\.00 EUR paid/) });
    expect(read([line('a', 1, 6_000), line('b', 1, 4_000)]).ok).toBe(true);
  });
});

describe('a dispute that covers some lines', () => {
  const ctxWithLines = { now: OPENED_AT, order: withLines };

  it('records the lines it covers and asks, by default, for what is left on them', () => {
    const { decision } = given([]).when(open(openData({ lineIds: ['case', 'cable'] })), ctxWithLines);
    expect(decision.ok && decision.events[0].data).toMatchObject({ lineIds: ['case', 'cable'], order: withLines });
    // 2 x 15.00 - 5.00 refunded + 10.00
    expect(decision.ok && decision.events[1].data).toMatchObject({ terms: { kind: 'FULL_REFUND', amount: money(3_500, 'EUR') } });
  });

  it('refuses a partial refund above the lines\u2019 ceiling, saying where the ceiling lies', () => {
    const message = given([])
      .when(open(openData({ lineIds: ['cable'], requestedResolution: { kind: 'PARTIAL_REFUND', amount: money(1_001, 'EUR') } })), ctxWithLines)
      .rejects('VALIDATION', 'requestedResolution.amount.amountMinor');
    expect(message).toBe('A refund cannot exceed the 10.00 EUR still refundable on the order lines this dispute covers.');
  });

  it('is capped by what is left on the whole order', () => {
    const mostlyRefunded: OrderFacts = { ...withLines, amountRefundedMinor: 9_500 };
    const { decision } = given([]).when(open(openData({ lineIds: ['phone'] })), { now: OPENED_AT, order: mostlyRefunded });
    expect(decision.ok && decision.events[1].data).toMatchObject({ terms: { amount: money(500, 'EUR') } });
  });

  it('refuses an unknown or repeated line id, naming its place in the list', () => {
    given([]).when(open(openData({ lineIds: ['phone', 'charger'] })), ctxWithLines).rejects('VALIDATION', 'lineIds[1]');
    given([]).when(open(openData({ lineIds: ['phone', 'case', 'phone'] })), ctxWithLines).rejects('VALIDATION', 'lineIds[2]');
    given([]).when(open(openData({ lineIds: ['phone'] }))).rejects('VALIDATION', 'lineIds[0]');
    given([]).when(open(openData({ lineIds: 'phone' as unknown as string[] })), ctxWithLines).rejects('VALIDATION', 'lineIds');
    given([]).when(open(openData({ lineIds: ['phone', ''] })), ctxWithLines).rejects('VALIDATION', 'lineIds[1]');
  });

  it('naming no line covers the whole order, as before', () => {
    given([]).when(open(openData({ lineIds: [] })), { now: OPENED_AT }).then(opened());
  });

  it('under the first edition the field is ignored, as it always was', () => {
    const { decision } = given([]).when(open(openData({ lineIds: ['cable', 'nonsense'] })), { ...ctxWithLines, rulebook: 1 });
    expect(decision.ok).toBe(true);
    expect(decision.ok && 'lineIds' in decision.events[0].data).toBe(false);
    expect(decision.ok && decision.events[1].data).toMatchObject({ terms: { amount: money(10_000, 'EUR') } });
  });

  describe('later offers and rulings keep to the lines\u2019 ceiling', () => {
    const coveringCable = () => new History([], withLines).then(cmd('OpenDispute', buyer, openData({ lineIds: ['cable'] })), at(0));

    it('folds the covered lines into the state', () => {
      expect(coveringCable().state.lineIds).toEqual(['cable']);
      expect(new History([], withLines).then(cmd('OpenDispute', buyer, openData()), at(0)).state).not.toHaveProperty('lineIds');
    });

    it('refuses a counter-offer above it', () => {
      given(coveringCable().events)
        .when(cmd('RespondToDispute', seller, { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: money(1_001, 'EUR') } }), { now: at(HOUR) })
        .rejects('VALIDATION', 'offer.amount.amountMinor');
    });

    it('a full-refund ruling refunds exactly what is left on the lines', () => {
      const claimed = coveringCable()
        .then(cmd('RespondToDispute', seller, { response: 'REJECT', explanation: 'It worked when shipped.', evidence: [{ evidenceId: 'ev-9', sha256: '9'.repeat(64), kind: 'PHOTO' }] }), at(DAY))
        .then(cmd('EscalateDispute', buyer, { note: 'Please decide.' }), at(2 * DAY))
        .then(cmd('ClaimCase', mediator, {}), at(2 * DAY + HOUR));
      const { decision } = given(claimed.events).when(cmd('IssueDecision', mediator, ruling()), { now: at(3 * DAY) });
      expect(decision.ok && decision.events[0].data).toMatchObject({ refund: money(1_000, 'EUR') });
      given(claimed.events).when(cmd('IssueDecision', mediator, ruling({ outcome: 'PARTIAL_REFUND', amount: money(1_001, 'EUR') })), { now: at(3 * DAY) }).rejects('VALIDATION', 'amount.amountMinor');
    });
  });
});

describe('the ceiling itself', () => {
  it('is the order\u2019s refundable amount when no line is named', () => {
    expect(refundableCeiling(withLines, null)).toBe(10_000);
    expect(refundableCeiling(withLines, [])).toBe(10_000);
  });

  it('is nothing when the named lines are not on an order without lines', () => {
    expect(refundableCeiling(order, ['phone'])).toBe(0);
  });

    it('sums quantity x unit price less what was refunded, over the named lines', () => {
    expect(refundableCeiling(withLines, ['phone', 'case'])).toBe(6_000 + 2_500);
  });
});
