import { graphql, tokenFor, withDisputeApi } from '../support/api';
import { eventsOf } from '../support/database';
import { RETURN_ADDRESS } from '../support/fixtures';
import { mutate, ok, openInput, registerOrder, readDispute } from './support/disputes';

const SELLER_ADDRESS = { name: 'Acme Outlet', line1: '1 Dock Road', line2: 'Unit 4', city: 'Leeds', region: 'West Yorkshire', postalCode: 'LS1 4AP', countryCode: 'GB' };

/** The replacement sub-flow, return addresses and checked tracking over GraphQL (real API, worker, Temporal, PostgreSQL). */
describe('replacements and returns over GraphQL (rulebook, second edition)', () => {
  const suite = withDisputeApi('e2e-replace');
  let system: string;

  beforeAll(async () => {
    system = await tokenFor('SYSTEM', 'order-feed');
  });

  async function opened(requestedResolution: Record<string, unknown>, order?: Awaited<ReturnType<typeof registerOrder>>) {
    const registered = order ?? (await registerOrder(suite.api.url, system));
    const buyer = await tokenFor('BUYER', registered.buyerId);
    const seller = await tokenFor('SELLER', registered.sellerId);
    const dispute = await ok(mutate(suite.api.url, buyer, 'openDispute', openInput(registered, { requestedResolution })));
    return { id: dispute.id, buyer, seller, order: registered };
  }

  it('an agreed replacement is shipped, confirmed and closed', async () => {
    const { id, buyer, seller } = await opened({ kind: 'REPLACEMENT' });
    const agreed = await ok(mutate(suite.api.url, seller, 'respondToDispute', { disputeId: id, response: 'ACCEPT_REQUEST' }));
    expect(agreed).toMatchObject({ status: 'AWAITING_REPLACEMENT', whoseTurn: { role: 'SELLER' }, deadlines: [{ kind: 'REPLACEMENT_SHIPMENT' }], replacement: { status: 'AWAITING_SHIPMENT' } });
    expect(agreed.availableActions).toContain('MARK_REPLACEMENT_SHIPPED');

    const shipped = await ok(mutate(suite.api.url, seller, 'markReplacementShipped', { disputeId: id, carrierCode: 'ROYAL_MAIL', trackingNumber: 'ab 123 456 789 gb' }));
    expect(shipped).toMatchObject({
      status: 'REPLACEMENT_IN_TRANSIT',
      whoseTurn: { role: 'BUYER' },
      deadlines: [{ kind: 'REPLACEMENT_CONFIRMATION' }],
      replacement: { status: 'IN_TRANSIT', carrierCode: 'ROYAL_MAIL', carrier: 'Royal Mail', trackingNumber: 'AB123456789GB' },
    });
    const asBuyer = await readDispute(suite.api.url, buyer, id);
    expect(asBuyer.data!.dispute.availableActions).toEqual(expect.arrayContaining(['CONFIRM_REPLACEMENT_RECEIVED', 'REPORT_REPLACEMENT_PROBLEM']));

    const closed = await ok(mutate(suite.api.url, buyer, 'confirmReplacementReceived', { disputeId: id }));
    expect(closed).toMatchObject({ status: 'CLOSED', outcome: { kind: 'REPLACEMENT', refund: null }, resolvedVia: 'AGREEMENT', refundedMinor: 0, replacement: { status: 'RECEIVED' } });
    expect((await eventsOf(suite.dataSource, id)).map((event) => event.type).slice(-6)).toEqual([
      'OfferAccepted',
      'ReplacementRequested',
      'ReplacementShipped',
      'ReplacementReceived',
      'DisputeResolved',
      'DisputeClosed',
    ]);
  });

  it('a return accepted by the seller goes to the order\u2019s return address from the order feed', async () => {
    const { id, seller } = await opened({ kind: 'RETURN_AND_REFUND' });
    const accepted = await ok(mutate(suite.api.url, seller, 'respondToDispute', { disputeId: id, response: 'ACCEPT_REQUEST' }));
    expect(accepted).toMatchObject({ status: 'AWAITING_RETURN', return: { status: 'AWAITING_SHIPMENT', returnAddress: RETURN_ADDRESS, prepaidLabel: null } });
  });

  it('a return offered by the seller goes to the address and with the label the offer names', async () => {
    const order = await registerOrder(suite.api.url, system, { returnAddress: null });
    const { id, buyer, seller } = await opened({ kind: 'PARTIAL_REFUND', amount: { amountMinor: 2000, currency: 'EUR' } }, order);
    // With no address on the order, a return offer without one is refused and records nothing.
    const before = (await eventsOf(suite.dataSource, id)).length;
    const refused = await mutate(suite.api.url, seller, 'respondToDispute', { disputeId: id, response: 'COUNTER_OFFER', offer: { kind: 'RETURN_AND_REFUND' } });
    expect(refused.errors?.[0].extensions).toEqual({ code: 'VALIDATION', field: 'offer.returnAddress' });
    expect(refused.errors?.[0].message).toMatch(/^A return needs the address the item goes back to/);
    expect(await eventsOf(suite.dataSource, id)).toHaveLength(before);

    const label = 'https://labels.example.com/l/RL-0042';
    const countered = await ok(
      mutate(suite.api.url, seller, 'respondToDispute', { disputeId: id, response: 'COUNTER_OFFER', offer: { kind: 'RETURN_AND_REFUND', returnAddress: SELLER_ADDRESS, prepaidLabel: label } }),
    );
    const accepted = await ok(mutate(suite.api.url, buyer, 'acceptOffer', { disputeId: id, offerNumber: countered.offers.at(-1)!.offerNumber }));
    expect(accepted).toMatchObject({ status: 'AWAITING_RETURN', return: { returnAddress: SELLER_ADDRESS, prepaidLabel: label } });

    // The buyer ships with a legacy free-text carrier: it maps to a code.
    const shipped = await ok(mutate(suite.api.url, buyer, 'markReturnShipped', { disputeId: id, carrier: 'dhl', trackingNumber: 'JD0146 0000 1234' }));
    expect(shipped.return).toMatchObject({ status: 'IN_TRANSIT', carrierCode: 'DHL', carrier: 'DHL', trackingNumber: 'JD014600001234' });
  });

  it('refuses bad tracking input with the field named, and records nothing', async () => {
    const { id, seller } = await opened({ kind: 'REPLACEMENT' });
    await ok(mutate(suite.api.url, seller, 'respondToDispute', { disputeId: id, response: 'ACCEPT_REQUEST' }));
    const before = (await eventsOf(suite.dataSource, id)).length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ carrierCode: 'UPS', trackingNumber: '1Z-12' }, 'trackingNumber'],
      [{ carrierCode: 'UPS', trackingNumber: '<script>alert(1)</script>' }, 'trackingNumber'],
      [{ carrierCode: 'OTHER', trackingNumber: '1Z999AA10123456784' }, 'carrierName'],
      [{ carrierCode: 'UPS', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' }, 'carrier'],
      [{ trackingNumber: '1Z999AA10123456784' }, 'carrierCode'],
    ];
    for (const [input, field] of cases) {
      const response = await mutate(suite.api.url, seller, 'markReplacementShipped', { disputeId: id, ...input });
      expect({ input, error: response.errors?.[0].extensions }).toEqual({ input, error: { code: 'VALIDATION', field } });
    }
    // A carrier code outside the enum is a schema-level VALIDATION.
    const unknown = await mutate(suite.api.url, seller, 'markReplacementShipped', { disputeId: id, carrierCode: 'PONY_EXPRESS', trackingNumber: '1Z999AA10123456784' });
    expect(unknown.errors?.[0].extensions?.code).toBe('VALIDATION');
    expect(await eventsOf(suite.dataSource, id)).toHaveLength(before);
  });

  it('the order feed\u2019s return address is checked and shown on the order', async () => {
    const order = await registerOrder(suite.api.url, system);
    const read = await graphql<{ order: { returnAddress: unknown } }>(suite.api.url, `query($id: ID!) { order(id: $id) { returnAddress { name line1 line2 city region postalCode countryCode } } }`, { id: order.orderId }, system);
    expect(read.data!.order.returnAddress).toEqual(RETURN_ADDRESS);
    const refused = await graphql(
      suite.api.url,
      `mutation($input: RegisterOrderInput!) { registerOrder(input: $input) { id } }`,
      {
        input: {
          orderId: `${order.orderId}-x`,
          buyerId: order.buyerId,
          sellerId: order.sellerId,
          amountPaid: { amountMinor: 100, currency: 'EUR' },
          deliveryDeadlineAt: order.deliveryDeadlineAt,
          returnAddress: { ...RETURN_ADDRESS, countryCode: 'de' },
        },
      },
      system,
    );
    expect(refused.errors?.[0].extensions).toEqual({ code: 'VALIDATION', field: 'returnAddress.countryCode' });
  });
});
