import { disputeWorkflowId } from '../../libs/contracts/src';
import type { OrderRecord } from '../../libs/persistence/src';
import { graphql, tokenFor, withDisputeApi } from '../support/api';
import { eventsOf, recordsForOrder } from '../support/database';
import { uploadEvidence, type Citation } from '../support/evidence';
import { anOrder } from '../support/fixtures';

const REGISTER_ORDER = `
  mutation Register($input: RegisterOrderInput!) {
    registerOrder(input: $input) { id buyerId sellerId amountPaid { amountMinor currency } }
  }`;

const OPEN_DISPUTE = `
  mutation Open($input: OpenDisputeInput!) {
    openDispute(input: $input) {
      id orderId buyerId sellerId status reason subReason description version headHash
      evidence { evidenceId sha256 kind addedBy }
      offers { offerNumber by kind status amount { amountMinor currency } }
      sellerResponseDueAt
    }
  }`;

const READ_DISPUTE = `query Read($id: ID!) { dispute(id: $id) { id status reason version headHash offers { offerNumber } } }`;

describe('opening a dispute over GraphQL (real API, worker, Temporal and PostgreSQL)', () => {
  const suite = withDisputeApi('e2e-open');
  let systemToken: string;

  beforeAll(async () => {
    systemToken = await tokenFor('SYSTEM', 'order-feed');
  });

  type Registered = OrderRecord & { photo: Citation };

  /** An order fed in by SYSTEM, and the photo its buyer uploaded to cite. */
  async function registeredOrder(overrides: Partial<OrderRecord> = {}): Promise<Registered> {
    const order = anOrder(overrides);
    const response = await graphql(
      suite.api.url,
      REGISTER_ORDER,
      {
        input: {
          orderId: order.orderId,
          buyerId: order.buyerId,
          sellerId: order.sellerId,
          amountPaid: { amountMinor: order.amountPaidMinor, currency: order.currency },
          shippedAt: order.shippedAt,
          deliveryDeadlineAt: order.deliveryDeadlineAt,
        },
      },
      systemToken,
    );
    expect(response.errors).toBeUndefined();
    return { ...order, photo: await uploadEvidence(suite.api.url, await tokenFor('BUYER', order.buyerId), 'Front of the device') };
  }

  const openInput = (order: Registered, overrides: Record<string, unknown> = {}) => ({
    orderId: order.orderId,
    reason: 'NOT_AS_DESCRIBED',
    subReason: 'DAMAGED',
    description: 'The screen arrived cracked across the middle.',
    evidence: [order.photo],
    requestedResolution: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 2000, currency: 'EUR' } },
    ...overrides,
  });

  it('opens the dispute, returns it once recorded, and reads it back from the projection', async () => {
    const order = await registeredOrder();
    const buyer = await tokenFor('BUYER', order.buyerId);

    const opened = await graphql<{ openDispute: Record<string, unknown> & { id: string } }>(suite.api.url, OPEN_DISPUTE, { input: openInput(order) }, buyer);

    expect(opened.errors).toBeUndefined();
    const dispute = opened.data!.openDispute;
    expect(dispute).toMatchObject({
      orderId: order.orderId,
      buyerId: order.buyerId,
      sellerId: order.sellerId,
      status: 'OPEN',
      reason: 'NOT_AS_DESCRIBED',
      subReason: 'DAMAGED',
      version: 2,
      evidence: [{ evidenceId: order.photo.evidenceId, sha256: order.photo.sha256, kind: 'PHOTO', addedBy: 'BUYER' }],
      offers: [{ offerNumber: 1, by: 'BUYER', kind: 'PARTIAL_REFUND', status: 'OPEN', amount: { amountMinor: 2000, currency: 'EUR' } }],
    });
    expect(Date.parse(dispute.sellerResponseDueAt as string)).toBeGreaterThan(Date.now());

    const events = await eventsOf(suite.dataSource, dispute.id);
    expect(events.map((event) => event.type)).toEqual(['DisputeOpened', 'OfferMade']);
    expect(dispute.headHash).toBe(events[1].hash);

    const read = await graphql(suite.api.url, READ_DISPUTE, { id: dispute.id }, buyer);
    expect(read).toEqual({ data: { dispute: { id: dispute.id, status: 'OPEN', reason: 'NOT_AS_DESCRIBED', version: 2, headHash: events[1].hash, offers: [{ offerNumber: 1 }] } } });

    const description = await suite.client.workflow.getHandle(disputeWorkflowId(dispute.id)).describe();
    expect(description.status.name).toBe('RUNNING');
  });

  it('lets the seller of the order read the dispute, and hides it from everyone else as NOT_FOUND', async () => {
    const order = await registeredOrder();
    const opened = await graphql<{ openDispute: { id: string } }>(suite.api.url, OPEN_DISPUTE, { input: openInput(order) }, await tokenFor('BUYER', order.buyerId));
    const id = opened.data!.openDispute.id;

    expect((await graphql(suite.api.url, READ_DISPUTE, { id }, await tokenFor('SELLER', order.sellerId))).data).toMatchObject({ dispute: { id } });
    expect((await graphql(suite.api.url, READ_DISPUTE, { id }, await tokenFor('AUDITOR', 'auditor-1'))).data).toMatchObject({ dispute: { id } });
    for (const stranger of [await tokenFor('BUYER', 'someone-else'), await tokenFor('SELLER', 'other-seller'), await tokenFor('MEDIATOR', 'mediator-1')]) {
      const hidden = await graphql(suite.api.url, READ_DISPUTE, { id }, stranger);
      expect(hidden.errors?.[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it('answers a retry with the same idempotency key with the first result and records nothing new', async () => {
    const order = await registeredOrder();
    const buyer = await tokenFor('BUYER', order.buyerId);
    const input = openInput(order, { idempotencyKey: 'open-once' });

    const first = await graphql<{ openDispute: { id: string; version: number } }>(suite.api.url, OPEN_DISPUTE, { input }, buyer);
    const retry = await graphql<{ openDispute: { id: string; version: number } }>(suite.api.url, OPEN_DISPUTE, { input }, buyer);

    expect(retry.errors).toBeUndefined();
    expect(retry.data!.openDispute.id).toBe(first.data!.openDispute.id);
    expect(await eventsOf(suite.dataSource, first.data!.openDispute.id)).toHaveLength(2);
  });

  it('refuses a second active dispute on the same order with CONFLICT', async () => {
    const order = await registeredOrder();
    const buyer = await tokenFor('BUYER', order.buyerId);
    await graphql(suite.api.url, OPEN_DISPUTE, { input: openInput(order) }, buyer);

    const second = await graphql(suite.api.url, OPEN_DISPUTE, { input: openInput(order) }, buyer);

    expect(second.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(await recordsForOrder(suite.dataSource, order.orderId)).toEqual({ disputes: 1, events: 2 });
  });

  describe('bad input gets a typed error and records nothing', () => {
    type Case = { name: string; code: string; field?: string; token?: 'buyer' | 'other-buyer' | 'seller' | 'none'; input: (order: Registered) => Record<string, unknown>; order?: Partial<OrderRecord> };
    const cases: Case[] = [
      { name: 'an unknown order', code: 'NOT_FOUND', field: 'orderId', input: (order) => openInput(order, { orderId: `${order.orderId}-missing` }) },
      { name: "another buyer's order", code: 'NOT_FOUND', field: 'orderId', token: 'other-buyer', input: (order) => openInput(order) },
      { name: 'a missing reason', code: 'VALIDATION', input: (order) => { const { reason: _reason, ...rest } = openInput(order); return rest; } },
      { name: 'an unknown reason', code: 'VALIDATION', input: (order) => openInput(order, { reason: 'CHANGED_MY_MIND' }) },
      { name: 'an empty description', code: 'VALIDATION', field: 'description', input: (order) => openInput(order, { description: '   ' }) },
      { name: 'a negative amount', code: 'VALIDATION', field: 'requestedResolution.amount.amountMinor', input: (order) => openInput(order, { requestedResolution: { kind: 'PARTIAL_REFUND', amount: { amountMinor: -500, currency: 'EUR' } } }) },
      { name: 'an amount above what was paid', code: 'VALIDATION', field: 'requestedResolution.amount.amountMinor', input: (order) => openInput(order, { requestedResolution: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 999_999, currency: 'EUR' } } }) },
      { name: 'a foreign currency', code: 'VALIDATION', field: 'requestedResolution.amount.currency', input: (order) => openInput(order, { requestedResolution: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 100, currency: 'USD' } } }) },
      { name: 'NOT_AS_DESCRIBED without evidence', code: 'VALIDATION', field: 'evidence', input: (order) => openInput(order, { evidence: [] }) },
      { name: 'an order not shipped yet', code: 'INVALID_STATE', order: { shippedAt: null }, input: (order) => openInput(order) },
      { name: 'an order past its protection window', code: 'DEADLINE_PASSED', order: { shippedAt: '2026-01-01T00:00:00.000Z', deliveryDeadlineAt: '2026-01-20T00:00:00.000Z', deliveredAt: '2026-01-10T00:00:00.000Z' }, input: (order) => openInput(order) },
      { name: 'a seller trying to open', code: 'FORBIDDEN', token: 'seller', input: (order) => openInput(order) },
      { name: 'no token', code: 'UNAUTHENTICATED', token: 'none', input: (order) => openInput(order) },
      { name: 'an over-long idempotency key', code: 'VALIDATION', field: 'idempotencyKey', input: (order) => openInput(order, { idempotencyKey: 'k'.repeat(201) }) },
    ];

    it.each(cases)('$name → $code', async ({ code, field, token = 'buyer', input, order: overrides }) => {
      const order = await registeredOrder(overrides);
      const tokens = { buyer: await tokenFor('BUYER', order.buyerId), 'other-buyer': await tokenFor('BUYER', 'buyer-who-did-not-buy'), seller: await tokenFor('SELLER', order.sellerId), none: undefined };

      const response = await graphql(suite.api.url, OPEN_DISPUTE, { input: input(order) }, tokens[token]);

      expect(response.data ?? null).toBeNull();
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0].extensions.code).toBe(code);
      expect(response.errors![0].message).toMatch(/\w+ \w+/);
      if (field) expect(response.errors![0].extensions.field).toBe(field);
      expect(await recordsForOrder(suite.dataSource, order.orderId)).toEqual({ disputes: 0, events: 0 });
    });
  });

  describe('the order feed', () => {
    it('accepts orders only from SYSTEM', async () => {
      const order = anOrder();
      const input = { orderId: order.orderId, buyerId: order.buyerId, sellerId: order.sellerId, amountPaid: { amountMinor: 100, currency: 'EUR' }, deliveryDeadlineAt: order.deliveryDeadlineAt };
      const refused = await graphql(suite.api.url, REGISTER_ORDER, { input }, await tokenFor('BUYER', order.buyerId));
      expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const [{ count }] = await suite.dataSource.query('SELECT count(*)::int AS count FROM orders WHERE order_id = $1', [order.orderId]);
      expect(count).toBe(0);
    });

    it.each([
      ['a zero amount', { amountPaid: { amountMinor: 0, currency: 'EUR' } }, 'amountPaid.amountMinor'],
      ['a lower-case currency', { amountPaid: { amountMinor: 100, currency: 'eur' } }, 'amountPaid.currency'],
      ['a time without zone', { deliveryDeadlineAt: '2026-12-01 10:00' }, 'deliveryDeadlineAt'],
      ['the same buyer and seller', { sellerId: 'same-account', buyerId: 'same-account' }, 'sellerId'],
    ])('refuses %s with VALIDATION', async (_name, overrides, field) => {
      const order = anOrder();
      const input = { orderId: order.orderId, buyerId: order.buyerId, sellerId: order.sellerId, amountPaid: { amountMinor: 100, currency: 'EUR' }, deliveryDeadlineAt: order.deliveryDeadlineAt, ...overrides };
      const response = await graphql(suite.api.url, REGISTER_ORDER, { input }, systemToken);
      expect(response.errors?.[0].extensions).toEqual({ code: 'VALIDATION', field });
    });
  });

  describe('operability', () => {
    it('reports liveness and readiness (PostgreSQL and Temporal)', async () => {
      expect(await (await fetch(`${suite.api.url}/health/live`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${suite.api.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok', checks: { postgres: 'ok', temporal: 'ok' } });
    });

    it('exposes request latency and outcomes as Prometheus metrics', async () => {
      await graphql(suite.api.url, READ_DISPUTE, { id: '00000000-0000-4000-8000-000000000000' }, await tokenFor('BUYER', 'b'));
      const metrics = await (await fetch(`${suite.api.url}/metrics`)).text();
      expect(metrics).toMatch(/dispute_requests_total\{[^}]*operation="Read"[^}]*outcome="NOT_FOUND"[^}]*\} [1-9]/);
      expect(metrics).toContain('dispute_request_duration_seconds_bucket');
    });

    it('rejects a forged token as UNAUTHENTICATED', async () => {
      const forged = `${await tokenFor('AUDITOR', 'a')}x`;
      const response = await graphql(suite.api.url, READ_DISPUTE, { id: '00000000-0000-4000-8000-000000000000' }, forged);
      expect(response.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('answers every response with a request id', async () => {
      const response = await fetch(`${suite.api.url}/health/live`, { headers: { 'x-request-id': 'trace-me-123' } });
      expect(response.headers.get('x-request-id')).toBe('trace-me-123');
    });
  });
});
