// Money in every currency through the real stack (GraphQL over HTTP, the API, Temporal, the
// worker, PostgreSQL): amounts in the currency's own units, amounts beyond 32 bits kept exact
// as MinorUnits, unknown currencies refused, and disputes that cover some of an order's lines.
import { graphql, tokenFor, withDisputeApi } from '../support/api';
import { uploadEvidence } from '../support/evidence';
import { anOrder } from '../support/fixtures';
import { until } from './support/disputes';

const MONEY = 'amountMinor minorUnits exponent formatted currency';
const SAFE_MONEY = 'minorUnits exponent formatted currency';
const DISPUTE = `id status refunded { ${SAFE_MONEY} } amountInDispute { ${SAFE_MONEY} } disputedLines { lineId quantity unitPrice { ${SAFE_MONEY} } refunded { minorUnits } }
  offers { offerNumber kind amount { ${SAFE_MONEY} } } refund { status amount { ${SAFE_MONEY} } }`;

interface MoneyView {
  amountMinor?: number;
  minorUnits: string;
  exponent: number;
  formatted: string;
  currency: string;
}
interface Dispute {
  id: string;
  status: string;
  refunded: MoneyView;
  amountInDispute: MoneyView;
  disputedLines: { lineId: string; quantity: number; unitPrice: MoneyView; refunded: { minorUnits: string } }[];
  offers: { offerNumber: number; kind: string; amount: MoneyView | null }[];
  refund: { status: string; amount: MoneyView } | null;
}
interface LineInput {
  lineId: string;
  sku: string;
  title: string;
  quantity: number;
  unitPrice: { minorUnits: string; currency: string };
  refundedMinorUnits?: string;
}

describe('money in every currency (real API, worker, Temporal and PostgreSQL)', () => {
  const suite = withDisputeApi('e2e-money');
  let system: string;

  beforeAll(async () => {
    system = await tokenFor('SYSTEM', 'order-feed');
  });

  /** Registers an order through the feed with its amount as MinorUnits; the answer is the raw response. */
  function register(minorUnits: string | number, currency: string, extra: Record<string, unknown> = {}) {
    const order = anOrder();
    const input = {
      orderId: order.orderId,
      buyerId: order.buyerId,
      sellerId: order.sellerId,
      amountPaid: { minorUnits, currency },
      shippedAt: order.shippedAt,
      deliveryDeadlineAt: order.deliveryDeadlineAt,
      ...extra,
    };
    const query = `mutation($input: RegisterOrderInput!) { registerOrder(input: $input) { id amountPaid { ${SAFE_MONEY} } amountRefunded { ${SAFE_MONEY} } lines { lineId sku title quantity unitPrice { ${SAFE_MONEY} } refunded { ${SAFE_MONEY} } } } }`;
    return { order, response: graphql<{ registerOrder: { id: string; amountPaid: MoneyView; lines: unknown[] } }>(suite.api.url, query, { input }, system) };
  }

  async function registered(minorUnits: string | number, currency: string, extra: Record<string, unknown> = {}) {
    const { order, response } = register(minorUnits, currency, extra);
    const answer = await response;
    if (answer.errors) throw new Error(`order not registered: ${JSON.stringify(answer.errors)}`);
    const buyer = await tokenFor('BUYER', order.buyerId);
    const seller = await tokenFor('SELLER', order.sellerId);
    return { order, buyer, seller, answer: answer.data!.registerOrder, photo: await uploadEvidence(suite.api.url, buyer, 'cracked-screen') };
  }

  const run = (token: string, mutation: string, inputType: string, input: Record<string, unknown>) =>
    graphql<Record<string, Dispute>>(suite.api.url, `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${DISPUTE} } }`, { input }, token);

  const open = (token: string, input: Record<string, unknown>) => run(token, 'openDispute', 'OpenDisputeInput', { reason: 'NOT_AS_DESCRIBED', subReason: 'DAMAGED', description: 'It arrived broken.', ...input });

  async function opened(token: string, input: Record<string, unknown>): Promise<Dispute> {
    const answer = await open(token, input);
    if (answer.errors) throw new Error(`not opened: ${JSON.stringify(answer.errors)}`);
    return answer.data!.openDispute;
  }

  describe('amounts in the currency\u2019s own units', () => {
    it('an order in yen: no decimals in what Money shows or in a refusal', async () => {
      const { order, buyer, answer, photo } = await registered(5000, 'JPY');
      expect(answer.amountPaid).toEqual({ minorUnits: '5000', exponent: 0, formatted: '5000 JPY', currency: 'JPY' });
      const legacy = await graphql<{ order: { amountPaid: MoneyView } }>(suite.api.url, `query($id: ID!) { order(id: $id) { amountPaid { ${MONEY} } } }`, { id: order.orderId }, buyer);
      expect(legacy.data!.order.amountPaid).toEqual({ amountMinor: 5000, minorUnits: '5000', exponent: 0, formatted: '5000 JPY', currency: 'JPY' });
      const refused = await open(buyer, { orderId: order.orderId, evidence: [photo], requestedResolution: { kind: 'PARTIAL_REFUND', amount: { minorUnits: '6000', currency: 'JPY' } } });
      expect(refused.errors?.[0]).toMatchObject({
        message: 'A refund cannot exceed the 5000 JPY still refundable on this order.',
        extensions: { code: 'VALIDATION', field: 'requestedResolution.amount.amountMinor' },
      });
      const dispute = await opened(buyer, { orderId: order.orderId, evidence: [photo], requestedResolution: { kind: 'PARTIAL_REFUND', amount: { minorUnits: '1234', currency: 'JPY' } } });
      expect(dispute.offers[0].amount).toEqual({ minorUnits: '1234', exponent: 0, formatted: '1234 JPY', currency: 'JPY' });
    });

    it('an order in Kuwaiti dinars: three decimals', async () => {
      const { order, buyer, answer, photo } = await registered(12_345, 'KWD');
      expect(answer.amountPaid).toMatchObject({ exponent: 3, formatted: '12.345 KWD' });
      const refused = await open(buyer, { orderId: order.orderId, evidence: [photo], requestedResolution: { kind: 'FULL_REFUND', amount: { minorUnits: '1', currency: 'KWD' } } });
      expect(refused.errors?.[0].message).toBe('A full refund is the 12.345 KWD still refundable on this order; leave the amount out or use a partial refund.');
    });
  });

  describe('amounts beyond 32 bits', () => {
    it('an IDR order above 2^31 - 1 is opened and refunded to the last minor unit', async () => {
      const { order, buyer, seller, answer, photo } = await registered('900000000000', 'IDR');
      expect(answer.amountPaid).toMatchObject({ minorUnits: '900000000000', formatted: '9000000000.00 IDR' });
      const dispute = await opened(buyer, { orderId: order.orderId, evidence: [photo], requestedResolution: { kind: 'PARTIAL_REFUND', amount: { minorUnits: 250_000_000_000, currency: 'IDR' } } });
      expect(dispute.offers[0].amount).toEqual({ minorUnits: '250000000000', exponent: 2, formatted: '2500000000.00 IDR', currency: 'IDR' });

      const accepted = await run(seller, 'respondToDispute', 'RespondToDisputeInput', { disputeId: dispute.id, response: 'ACCEPT_REQUEST' });
      expect(accepted.errors).toBeUndefined();
      const read = async () => (await graphql<{ dispute: Dispute }>(suite.api.url, `query($id: ID!) { dispute(id: $id) { ${DISPUTE} } }`, { id: dispute.id }, buyer)).data!.dispute;
      const closed = await until(read, (d) => d.status === 'CLOSED');
      expect(closed.refund).toMatchObject({ status: 'SUCCEEDED', amount: { minorUnits: '250000000000' } });
      expect(closed.refunded).toEqual({ minorUnits: '250000000000', exponent: 2, formatted: '2500000000.00 IDR', currency: 'IDR' });

      // The refund ledger's bigint column, read back exactly.
      const orderNow = await graphql<{ order: { amountRefunded: MoneyView } }>(suite.api.url, `query($id: ID!) { order(id: $id) { amountRefunded { minorUnits } } }`, { id: order.orderId }, buyer);
      expect(orderNow.data!.order.amountRefunded).toEqual({ minorUnits: '250000000000' });

      // The deprecated Int fields cannot hold it: a field error says where to read it.
      const legacy = await graphql<{ dispute: unknown }>(suite.api.url, `query($id: ID!) { dispute(id: $id) { id refundedMinor } }`, { id: dispute.id }, buyer);
      expect(legacy.errors?.[0]).toMatchObject({ path: ['dispute', 'refundedMinor'], extensions: { code: 'VALIDATION' }, message: expect.stringMatching(/250000000000 minor units.*read refunded\.minorUnits instead/) });
      const legacyMoney = await graphql<{ dispute: unknown }>(suite.api.url, `query($id: ID!) { dispute(id: $id) { id offers { amount { amountMinor } } } }`, { id: dispute.id }, buyer);
      expect(legacyMoney.errors?.[0]).toMatchObject({ path: ['dispute', 'offers', 0, 'amount', 'amountMinor'], extensions: { code: 'VALIDATION' }, message: expect.stringMatching(/read minorUnits instead/) });

      // The hash chain still verifies over the large amounts as stored in jsonb.
      const auditor = await tokenFor('AUDITOR', 'auditor-money');
      const verified = await graphql<{ verifyDisputeHistory: { valid: boolean } }>(suite.api.url, `query($id: ID!) { verifyDisputeHistory(disputeId: $id) { valid } }`, { id: dispute.id }, auditor);
      expect(verified.data!.verifyDisputeHistory.valid).toBe(true);
    });

    it('MinorUnits refuses fractions, exponents, negatives and amounts beyond 2^53 - 1', async () => {
      for (const minorUnits of ['12.5', '1e3', '-5', '9007199254740992', 1.5, -1, 'ten']) {
        const answer = await register(minorUnits, 'EUR').response;
        expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'VALIDATION' }, message: expect.stringMatching(/MinorUnits is a whole number of minor units from 0 to 9007199254740991/) });
      }
      const zero = await register('0', 'EUR').response;
      expect(zero.errors?.[0].extensions).toEqual({ code: 'VALIDATION', field: 'amountPaid.minorUnits' });
      const largest = await register('9007199254740991', 'EUR').response;
      expect(largest.data?.registerOrder.amountPaid).toMatchObject({ minorUnits: '9007199254740991', formatted: '90071992547409.91 EUR' });
    });

    it('an amount must be given exactly once', async () => {
      const { order, buyer, photo } = await registered(5000, 'EUR');
      const both = await open(buyer, { orderId: order.orderId, evidence: [photo], requestedResolution: { kind: 'PARTIAL_REFUND', amount: { minorUnits: '100', amountMinor: 100, currency: 'EUR' } } });
      expect(both.errors?.[0]).toMatchObject({ extensions: { code: 'VALIDATION', field: 'requestedResolution.amount.minorUnits' } });
      const neither = await open(buyer, { orderId: order.orderId, evidence: [photo], requestedResolution: { kind: 'PARTIAL_REFUND', amount: { currency: 'EUR' } } });
      expect(neither.errors?.[0]).toMatchObject({ extensions: { code: 'VALIDATION', field: 'requestedResolution.amount.minorUnits' } });
      const legacy = await opened(buyer, { orderId: order.orderId, evidence: [photo], requestedResolution: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 100, currency: 'EUR' } } });
      expect(legacy.offers[0].amount).toMatchObject({ minorUnits: '100', formatted: '1.00 EUR' });
    });
  });

  it('an order in a currency ISO 4217 does not list is refused by the feed and stored nowhere', async () => {
    const { order, response } = register(5000, 'ABC');
    const answer = await response;
    expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'VALIDATION', field: 'amountPaid.currency' }, message: 'The currency must be an active ISO 4217 code such as EUR, JPY or KWD.' });
    const lookup = await graphql(suite.api.url, `query($id: ID!) { order(id: $id) { id } }`, { id: order.orderId }, system);
    expect(lookup.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  describe('order lines', () => {
    const line = (lineId: string, quantity: number, unitPrice: string, refundedMinorUnits?: string): LineInput => ({
      lineId,
      sku: `sku-${lineId}`,
      title: `Item ${lineId}`,
      quantity,
      unitPrice: { minorUnits: unitPrice, currency: 'EUR' },
      ...(refundedMinorUnits ? { refundedMinorUnits } : {}),
    });
    // 100.00 EUR: a phone at 60.00, two cases at 15.00 (5.00 of them refunded), a cable at 10.00.
    const lines = [line('phone', 1, '6000'), line('case', 2, '1500', '500'), line('cable', 1, '1000')];

    it('the feed refuses inconsistent lines, naming the field', async () => {
      const cases: Array<[LineInput[], string]> = [
        [[line('a', 1, '100'), line('a', 1, '100')], 'lines[1].lineId'],
        [[line('a', 0, '100')], 'lines[0].quantity'],
        [[{ ...line('a', 1, '100'), unitPrice: { minorUnits: '100', currency: 'USD' } }], 'lines[0].unitPrice.currency'],
        [[line('a', 2, '100', '201')], 'lines[0].refundedMinor'],
        [[line('a', 1, '6000'), line('b', 1, '4001')], 'lines'],
      ];
      for (const [bad, field] of cases) {
        const answer = await register(10_000, 'EUR', { lines: bad }).response;
        expect(answer.errors?.[0].extensions).toEqual({ code: 'VALIDATION', field });
      }
    });

    it('a dispute naming lines is held to what is left on them, and shows them', async () => {
      const { order, buyer, seller, answer, photo } = await registered(10_000, 'EUR', { lines });
      expect(answer.lines).toHaveLength(3);
      expect(answer.lines[1]).toEqual({ lineId: 'case', sku: 'sku-case', title: 'Item case', quantity: 2, unitPrice: { minorUnits: '1500', exponent: 2, formatted: '15.00 EUR', currency: 'EUR' }, refunded: { minorUnits: '500', exponent: 2, formatted: '5.00 EUR', currency: 'EUR' } });

      const unknown = await open(buyer, { orderId: order.orderId, evidence: [photo], lineIds: ['case', 'charger'], requestedResolution: { kind: 'FULL_REFUND' } });
      expect(unknown.errors?.[0].extensions).toEqual({ code: 'VALIDATION', field: 'lineIds[1]' });
      const tooMuch = await open(buyer, { orderId: order.orderId, evidence: [photo], lineIds: ['case', 'cable'], requestedResolution: { kind: 'PARTIAL_REFUND', amount: { minorUnits: '3501', currency: 'EUR' } } });
      expect(tooMuch.errors?.[0]).toMatchObject({ message: 'A refund cannot exceed the 35.00 EUR still refundable on the order lines this dispute covers.', extensions: { code: 'VALIDATION' } });

      const dispute = await opened(buyer, { orderId: order.orderId, evidence: [photo], lineIds: ['case', 'cable'], requestedResolution: { kind: 'FULL_REFUND' } });
      expect(dispute.offers[0]).toMatchObject({ kind: 'FULL_REFUND', amount: { minorUnits: '3500', formatted: '35.00 EUR' } });
      // What is at stake is what is left on the covered lines, not the whole order's 100.00 EUR.
      expect(dispute.amountInDispute).toEqual({ minorUnits: '3500', exponent: 2, formatted: '35.00 EUR', currency: 'EUR' });
      expect(dispute.disputedLines.map((l) => [l.lineId, l.quantity, l.unitPrice.minorUnits, l.refunded.minorUnits])).toEqual([
        ['case', 2, '1500', '500'],
        ['cable', 1, '1000', '0'],
      ]);
      const counter = await run(seller, 'respondToDispute', 'RespondToDisputeInput', { disputeId: dispute.id, response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { minorUnits: '3600', currency: 'EUR' } } });
      expect(counter.errors?.[0]).toMatchObject({ extensions: { code: 'VALIDATION', field: 'offer.amount.amountMinor' } });
    });
  });
});
