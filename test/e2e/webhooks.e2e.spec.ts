import { randomUUID } from 'node:crypto';
import type { Role } from '../../libs/domain/src';
import { verifyWebhook } from '../../libs/webhooks/src';
import { graphql, tokenFor, withDisputeApi, type GraphQLResponse } from '../support/api';
import { hasValidSignature, signaturesOf, startWebhookReceiver, type ReceivedWebhook } from '../support/webhook-receiver';
import { mutate, ok, openInput, registerOrder, until } from './support/disputes';

const ENDPOINT_FIELDS = 'id url eventTypes paused platform previousSecretValidUntil createdAt updatedAt';
const DELIVERY_FIELDS = 'id endpointId disputeId sequence eventTypes status attempts lastError createdAt lastAttemptAt nextAttemptAt deliveredAt redeliveries';

interface EndpointView {
  id: string;
  url: string;
  eventTypes: string[] | null;
  paused: boolean;
  platform: boolean;
  previousSecretValidUntil: string | null;
}
interface DeliveryView {
  id: string;
  endpointId: string;
  disputeId: string;
  sequence: number;
  eventTypes: string[];
  status: string;
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
  redeliveries: number;
}

const OPERATIONS = {
  registerWebhookEndpoint: `mutation Register($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret endpoint { ${ENDPOINT_FIELDS} } } }`,
  updateWebhookEndpoint: `mutation Update($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { ${ENDPOINT_FIELDS} } }`,
  removeWebhookEndpoint: `mutation Remove($input: RemoveWebhookEndpointInput!) { removeWebhookEndpoint(input: $input) { ${ENDPOINT_FIELDS} } }`,
  rotateWebhookSecret: `mutation Rotate($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { secret endpoint { ${ENDPOINT_FIELDS} } } }`,
  redeliverWebhook: `mutation Redeliver($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) { ${DELIVERY_FIELDS} } }`,
} as const;
type Operation = keyof typeof OPERATIONS;
const ENDPOINTS = `query Endpoints { webhookEndpoints { ${ENDPOINT_FIELDS} } }`;
const DELIVERIES = `query Deliveries($endpointId: ID!, $first: Int, $after: String) { webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) { edges { cursor node { ${DELIVERY_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;

type Answer = GraphQLResponse<Record<string, unknown>>;
const errorOf = (response: Answer) => response.errors?.[0]?.extensions;

describe('webhook endpoints, managed over GraphQL', () => {
  const suite = withDisputeApi('webhooks');
  const url = () => suite.api.url;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());

  const run = <T>(token: string | undefined, operation: Operation, input: Record<string, unknown>) => graphql<Record<Operation, T>>(url(), OPERATIONS[operation], { input }, token);
  async function succeed<T>(token: string, operation: Operation, input: Record<string, unknown>): Promise<T> {
    const response = await run<T>(token, operation, input);
    if (response.errors) throw new Error(`${operation} failed: ${JSON.stringify(response.errors)}`);
    return response.data![operation];
  }
  const register = (token: string, input: Record<string, unknown>) => succeed<{ secret: string; endpoint: EndpointView }>(token, 'registerWebhookEndpoint', input);
  const endpointsOf = async (token: string) => (await graphql<{ webhookEndpoints: EndpointView[] }>(url(), ENDPOINTS, {}, token)).data!.webhookEndpoints;
  async function deliveriesOf(token: string, endpointId: string, first = 50, after?: string) {
    const response = await graphql<{ webhookDeliveries: { edges: { cursor: string; node: DeliveryView }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(url(), DELIVERIES, { endpointId, first, after }, token);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.webhookDeliveries;
  }
  const receivedAt = (path: string, disputeId: string): ReceivedWebhook[] => receiver.received.filter((entry) => entry.path === path && JSON.parse(entry.body).disputeId === disputeId);
  const bodyOf = (webhook: ReceivedWebhook) => JSON.parse(webhook.body) as { id: string; disputeId: string; sequence: number; eventTypes: string[]; status: string };

  it('registers a loopback receiver, signs every delivery, holds them while paused, signs with both secrets during a rotation, and redelivers', async () => {
    const system = await tokenFor('SYSTEM', 'order-feed');
    const order = await registerOrder(url(), system);
    const buyer = await tokenFor('BUYER', order.buyerId);
    const seller = await tokenFor('SELLER', order.sellerId);
    const platformOwner = await tokenFor('SYSTEM', `marketplace-${randomUUID().slice(0, 8)}`);

    const buyerPath = `/buyer-${order.buyerId}`;
    const sellerPath = `/seller-${order.sellerId}`;
    const platformPath = `/platform-${order.orderId}`;
    const { secret: firstSecret, endpoint } = await register(buyer, { url: receiver.url(buyerPath), idempotencyKey: 'buyer-hook' });
    expect(endpoint).toMatchObject({ url: receiver.url(buyerPath), eventTypes: null, paused: false, platform: false, previousSecretValidUntil: null });
    expect(firstSecret).toMatch(/^whsec_/);
    // A retry with the same key answers the first registration, secret included, and adds nothing.
    expect(await register(buyer, { url: receiver.url(buyerPath), idempotencyKey: 'buyer-hook' })).toEqual({ secret: firstSecret, endpoint });
    expect((await endpointsOf(buyer)).map((listed) => listed.id)).toEqual([endpoint.id]);
    // The secret is never shown again.
    expect(JSON.stringify(await endpointsOf(buyer))).not.toContain(firstSecret);

    const sellerHook = await register(seller, { url: receiver.url(sellerPath), eventTypes: ['DisputeOpened', 'DecisionIssued'] });
    expect(sellerHook.endpoint.eventTypes).toEqual(['DisputeOpened', 'DecisionIssued']);
    const platformHook = await register(platformOwner, { url: receiver.url(platformPath), eventTypes: ['DisputeOpened', 'MessagePosted'] });
    expect(platformHook.endpoint.platform).toBe(true);
    // Nobody sees another account's endpoints: the seller lists only its own, the buyer cannot read the platform's log.
    expect((await endpointsOf(seller)).map((listed) => listed.id)).toEqual([sellerHook.endpoint.id]);
    expect(errorOf(await graphql(url(), DELIVERIES, { endpointId: platformHook.endpoint.id }, buyer))).toEqual({ code: 'NOT_FOUND', field: 'endpointId' });

    try {
      // Drive a dispute: opening (DisputeOpened + OfferMade), then two messages.
      const dispute = await ok(mutate(url(), buyer, 'openDispute', openInput(order)));
      await ok(mutate(url(), seller, 'postMessage', { disputeId: dispute.id, body: 'Could you send a photo of the box?' }));
      const buyerDeliveries = await until(async () => receivedAt(buyerPath, dispute.id), (list) => list.length >= 2);
      for (const webhook of buyerDeliveries) {
        expect(hasValidSignature(webhook, firstSecret)).toBe(true);
        expect(signaturesOf(webhook)).toHaveLength(1);
        const body = bodyOf(webhook);
        expect(body.id).toBe(`${dispute.id}:${body.sequence}:${endpoint.id}`);
        expect(webhook.deliveryId).toBe(body.id);
      }
      expect(buyerDeliveries.map((webhook) => bodyOf(webhook).eventTypes)).toEqual([['DisputeOpened', 'OfferMade'], ['MessagePosted']]);
      // A filtered endpoint gets only batches with a subscribed event type; the platform endpoint each such batch of every dispute, once.
      const platformDeliveries = await until(async () => receivedAt(platformPath, dispute.id), (list) => list.length >= 2);
      expect(platformDeliveries.map((webhook) => hasValidSignature(webhook, platformHook.secret))).toEqual([true, true]);
      expect(platformDeliveries.map((webhook) => bodyOf(webhook).id)).toEqual([`${dispute.id}:2:${platformHook.endpoint.id}`, `${dispute.id}:3:${platformHook.endpoint.id}`]);
      expect(receivedAt(sellerPath, dispute.id).map((webhook) => bodyOf(webhook).eventTypes)).toEqual([['DisputeOpened', 'OfferMade']]);

      // The delivery log, newest first, paged.
      const log = await until(() => deliveriesOf(buyer, endpoint.id), (connection) => connection.edges.every((edge) => edge.node.status === 'DELIVERED') && connection.edges.length === 2);
      expect(log.edges.map((edge) => edge.node)).toEqual([
        expect.objectContaining({ id: `${dispute.id}:3:${endpoint.id}`, sequence: 3, status: 'DELIVERED', attempts: 1, lastError: null, redeliveries: 0 }),
        expect.objectContaining({ id: `${dispute.id}:2:${endpoint.id}`, sequence: 2, eventTypes: ['DisputeOpened', 'OfferMade'], status: 'DELIVERED', attempts: 1 }),
      ]);
      const firstPage = await deliveriesOf(buyer, endpoint.id, 1);
      expect(firstPage.pageInfo.hasNextPage).toBe(true);
      const secondPage = await deliveriesOf(buyer, endpoint.id, 1, firstPage.pageInfo.endCursor!);
      expect(secondPage.edges.map((edge) => edge.node.sequence)).toEqual([2]);
      expect(secondPage.pageInfo.hasNextPage).toBe(false);

      // Paused: the next notification is held, not sent and not attempted, until resumed.
      const paused = await succeed<EndpointView>(buyer, 'updateWebhookEndpoint', { endpointId: endpoint.id, paused: true, idempotencyKey: 'pause-1' });
      expect(paused.paused).toBe(true);
      await ok(mutate(url(), seller, 'postMessage', { disputeId: dispute.id, body: 'Thanks, looking into it.' }));
      const held = await until(() => deliveriesOf(buyer, endpoint.id), (connection) => connection.edges.length === 3);
      expect(held.edges[0].node).toMatchObject({ sequence: 4, status: 'HELD', attempts: 0 });
      // The platform endpoint, not paused, has it meanwhile; so the dispatcher ran past the held row.
      await until(async () => receivedAt(platformPath, dispute.id), (list) => list.length >= 3);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(receivedAt(buyerPath, dispute.id)).toHaveLength(2);
      expect((await deliveriesOf(buyer, endpoint.id)).edges[0].node).toMatchObject({ status: 'HELD', attempts: 0 });
      await succeed(buyer, 'updateWebhookEndpoint', { endpointId: endpoint.id, paused: false });
      const released = await until(async () => receivedAt(buyerPath, dispute.id), (list) => list.length >= 3);
      expect(bodyOf(released[2]).sequence).toBe(4);
      expect(hasValidSignature(released[2], firstSecret)).toBe(true);

      // Rotation: for the grace period each delivery carries both signatures, the new one first.
      const rotated = await succeed<{ secret: string; endpoint: EndpointView }>(buyer, 'rotateWebhookSecret', { endpointId: endpoint.id, idempotencyKey: 'rotate-1' });
      expect(rotated.secret).not.toBe(firstSecret);
      const graceEnds = Date.parse(rotated.endpoint.previousSecretValidUntil!) - Date.now();
      expect(graceEnds).toBeGreaterThan(23.9 * 3600_000);
      expect(graceEnds).toBeLessThanOrEqual(24 * 3600_000);
      await ok(mutate(url(), seller, 'postMessage', { disputeId: dispute.id, body: 'We will refund part of it.' }));
      const afterRotation = (await until(async () => receivedAt(buyerPath, dispute.id), (list) => list.length >= 4))[3];
      expect(signaturesOf(afterRotation)).toHaveLength(2);
      expect(hasValidSignature(afterRotation, rotated.secret)).toBe(true);
      expect(hasValidSignature(afterRotation, firstSecret)).toBe(true);
      expect(hasValidSignature(afterRotation, 'whsec_not-the-secret-of-anyone')).toBe(false);
      const header = String(afterRotation.headers['x-dispute-signature']);
      const [, newest] = header.split(',');
      expect(verifyWebhook({ header: `t=${/^t=(\d+)/.exec(header)![1]},${newest}`, body: afterRotation.body, secrets: [rotated.secret], nowSeconds: Math.floor(afterRotation.at / 1000) }).ok).toBe(true);

      // A rotation without grace: only the new secret signs from then on.
      const immediate = await succeed<{ secret: string; endpoint: EndpointView }>(buyer, 'rotateWebhookSecret', { endpointId: endpoint.id, graceHours: 0 });
      expect(immediate.endpoint.previousSecretValidUntil).toBeNull();

      // Redeliver the opening's delivery: the same delivery id again, signed with the current secret.
      const openingDelivery = `${dispute.id}:2:${endpoint.id}`;
      const redelivered = await succeed<DeliveryView>(buyer, 'redeliverWebhook', { deliveryId: openingDelivery, idempotencyKey: 'redeliver-1' });
      expect(redelivered).toMatchObject({ id: openingDelivery, redeliveries: 1, attempts: 0, deliveredAt: null });
      const again = await until(async () => receiver.attemptsOf(openingDelivery), (list) => list.length >= 2);
      expect(again[1].body).toBe(again[0].body);
      expect(hasValidSignature(again[1], immediate.secret)).toBe(true);
      expect(hasValidSignature(again[1], rotated.secret)).toBe(false);
      const settled = await until(() => deliveriesOf(buyer, endpoint.id), (connection) => connection.edges.find((edge) => edge.node.id === openingDelivery)?.node.status === 'DELIVERED');
      expect(settled.edges.find((edge) => edge.node.id === openingDelivery)?.node).toMatchObject({ attempts: 1, redeliveries: 1 });
      // The retried request (same key) changes nothing more.
      expect((await succeed<DeliveryView>(buyer, 'redeliverWebhook', { deliveryId: openingDelivery, idempotencyKey: 'redeliver-1' })).redeliveries).toBe(1);
      // The platform endpoint got each subscribed batch of this dispute; all settled before it goes.
      const platformLog = await until(() => deliveriesOf(platformOwner, platformHook.endpoint.id), (connection) => connection.edges.length === 4 && connection.edges.every((edge) => edge.node.status === 'DELIVERED'));
      expect(platformLog.edges.map((edge) => edge.node.sequence)).toEqual([5, 4, 3, 2]);
    } finally {
      await succeed(platformOwner, 'removeWebhookEndpoint', { endpointId: platformHook.endpoint.id });
    }
    expect(await endpointsOf(platformOwner)).toEqual([]);
  });

  describe('bad input: a typed error naming the field, and nothing stored', () => {
    it.each([
      ['a plain http URL to a public host', { url: 'http://hooks.example.com/x' }, 'url', /only to a loopback address/],
      ['an ftp URL', { url: 'ftp://hooks.example.com/x' }, 'url', /https, not ftp/],
      ['a URL with credentials', { url: 'https://me:pw@hooks.example.com/x' }, 'url', /user name or password/],
      ['not a URL', { url: 'hooks' }, 'url', /not a valid absolute URL/],
      ['an unknown event type', { url: 'https://hooks.example.com/x', eventTypes: ['DisputeOpened', 'Nope'] }, 'eventTypes', /Unknown event type "Nope"/],
      ['no event types', { url: 'https://hooks.example.com/x', eventTypes: [] }, 'eventTypes', /at least one event type/],
      ['an empty idempotency key', { url: 'https://hooks.example.com/x', idempotencyKey: '' }, 'idempotencyKey', /1 to 200/],
    ])('registering with %s', async (_what, input, field, message) => {
      const token = await tokenFor('BUYER', `buyer-${randomUUID().slice(0, 8)}`);
      const response = await run(token, 'registerWebhookEndpoint', input);
      expect(errorOf(response)).toEqual({ code: 'VALIDATION', field });
      expect(response.errors![0].message).toMatch(message);
      expect(await endpointsOf(token)).toEqual([]);
    });

    it('refuses changes to unknown or foreign endpoints, impossible updates, and a reused key, changing nothing', async () => {
      const owner = await tokenFor('SELLER', `seller-${randomUUID().slice(0, 8)}`);
      const stranger = await tokenFor('SELLER', `seller-${randomUUID().slice(0, 8)}`);
      const { endpoint } = await register(owner, { url: 'https://hooks.example.com/owner', idempotencyKey: 'k-1' });
      const expectError = async (token: string, operation: Operation, input: Record<string, unknown>, code: string, field: string) => {
        const response = await run(token, operation, input);
        expect({ operation, ...errorOf(response) }).toEqual({ operation, code, field });
      };
      for (const [operation, extra] of [['updateWebhookEndpoint', { paused: true }], ['removeWebhookEndpoint', {}], ['rotateWebhookSecret', {}]] as const) {
        await expectError(stranger, operation, { endpointId: endpoint.id, ...extra }, 'NOT_FOUND', 'endpointId');
        await expectError(owner, operation, { endpointId: randomUUID(), ...extra }, 'NOT_FOUND', 'endpointId');
        await expectError(owner, operation, { endpointId: 'not-an-id', ...extra }, 'NOT_FOUND', 'endpointId');
      }
      await expectError(owner, 'updateWebhookEndpoint', { endpointId: endpoint.id }, 'VALIDATION', 'endpointId');
      await expectError(owner, 'updateWebhookEndpoint', { endpointId: endpoint.id, url: 'http://10.0.0.1/x' }, 'VALIDATION', 'url');
      await expectError(owner, 'updateWebhookEndpoint', { endpointId: endpoint.id, eventTypes: ['DisputeOpened'], allEventTypes: true }, 'VALIDATION', 'allEventTypes');
      await expectError(owner, 'updateWebhookEndpoint', { endpointId: endpoint.id, eventTypes: ['disputeOpened'] }, 'VALIDATION', 'eventTypes');
      await expectError(owner, 'rotateWebhookSecret', { endpointId: endpoint.id, graceHours: 169 }, 'VALIDATION', 'graceHours');
      await expectError(owner, 'rotateWebhookSecret', { endpointId: endpoint.id, graceHours: -1 }, 'VALIDATION', 'graceHours');
      await expectError(owner, 'registerWebhookEndpoint', { url: 'https://hooks.example.com/other', idempotencyKey: 'k-1' }, 'CONFLICT', 'idempotencyKey');
      await expectError(owner, 'redeliverWebhook', { deliveryId: 'no-such-delivery' }, 'NOT_FOUND', 'deliveryId');
      await expectError(owner, 'redeliverWebhook', { deliveryId: '' }, 'VALIDATION', 'deliveryId');
      const deliveries = await graphql(url(), DELIVERIES, { endpointId: endpoint.id, first: 0 }, owner);
      expect(errorOf(deliveries)).toEqual({ code: 'VALIDATION', field: 'first' });
      expect(errorOf(await graphql(url(), DELIVERIES, { endpointId: endpoint.id, after: 'bm90LWEtY3Vyc29y' }, owner))).toEqual({ code: 'VALIDATION', field: 'after' });
      expect(errorOf(await graphql(url(), DELIVERIES, { endpointId: endpoint.id, after: Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url') }, owner))).toEqual({ code: 'VALIDATION', field: 'after' });
      // Nothing changed: one endpoint, as registered, never rotated.
      expect(await endpointsOf(owner)).toEqual([expect.objectContaining({ id: endpoint.id, url: 'https://hooks.example.com/owner', paused: false, eventTypes: null, previousSecretValidUntil: null })]);
    });

    it('caps an account at 10 endpoints', async () => {
      const token = await tokenFor('MEDIATOR', `mediator-${randomUUID().slice(0, 8)}`);
      for (let index = 0; index < 10; index += 1) await register(token, { url: `https://hooks.example.com/${index}` });
      const response = await run(token, 'registerWebhookEndpoint', { url: 'https://hooks.example.com/11' });
      expect(errorOf(response)).toEqual({ code: 'INVALID_STATE', field: 'url' });
      expect(await endpointsOf(token)).toHaveLength(10);
    });
  });

  describe('who may manage endpoints', () => {
    type Expect = 'PASS' | 'FORBIDDEN' | 'UNAUTHENTICATED';
    /** Well-formed operations whose payload is refused for itself (VALIDATION or NOT_FOUND): PASS proves the caller was let through. */
    const PROBES: Record<Operation | 'webhookEndpoints' | 'webhookDeliveries', (token: string | undefined) => Promise<Answer>> = {
      registerWebhookEndpoint: (token) => run(token, 'registerWebhookEndpoint', { url: 'http://hooks.example.com/x' }),
      updateWebhookEndpoint: (token) => run(token, 'updateWebhookEndpoint', { endpointId: randomUUID(), paused: true }),
      removeWebhookEndpoint: (token) => run(token, 'removeWebhookEndpoint', { endpointId: randomUUID() }),
      rotateWebhookSecret: (token) => run(token, 'rotateWebhookSecret', { endpointId: randomUUID() }),
      redeliverWebhook: (token) => run(token, 'redeliverWebhook', { deliveryId: 'no-such-delivery' }),
      webhookEndpoints: (token) => graphql(url(), ENDPOINTS, {}, token),
      webhookDeliveries: (token) => graphql(url(), DELIVERIES, { endpointId: randomUUID() }, token),
    };
    const roles: Record<Role | 'anonymous', Expect> = { BUYER: 'PASS', SELLER: 'PASS', MEDIATOR: 'PASS', SYSTEM: 'PASS', AUDITOR: 'FORBIDDEN', ADMIN: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED' };

    it.each(Object.keys(PROBES))('%s: buyers, sellers, mediators and SYSTEM manage their own; auditors and admins may not; anonymous callers sign in', async (operation) => {
      const outcomes: Record<string, string> = {};
      for (const role of Object.keys(roles) as (Role | 'anonymous')[]) {
        const token = role === 'anonymous' ? undefined : await tokenFor(role, `${role.toLowerCase()}-${randomUUID().slice(0, 8)}`);
        const response = await PROBES[operation as keyof typeof PROBES](token);
        const code = errorOf(response)?.code;
        outcomes[role] = code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' ? code : 'PASS';
        if (outcomes[role] === 'PASS' && operation !== 'webhookEndpoints') expect([operation, code]).toEqual([operation, expect.stringMatching(/^(VALIDATION|NOT_FOUND)$/)]);
      }
      expect(outcomes).toEqual(roles);
    });
  });
});
