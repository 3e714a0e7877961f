import { DEV_JWT_SECRET } from '../../libs/platform/src';
import { mintToken } from '../../scripts/mint-token';
import { graphql, subscribe, tokenFor, type GraphQLResponse, withDisputeApi } from '../support/api';
import { eventsOf } from '../support/database';
import { mutate, ok, openInput, readDispute, registerOrder } from './support/disputes';

/**
 * The defects fuzz.e2e.spec.ts found, one focused case each, so a regression names itself.
 * Before the fixes these answered INTERNAL (a database error), Nest's own error shape, or, for
 * text PostgreSQL cannot store, UNAVAILABLE after the command timeout with the dispute's
 * workflow retrying the append forever and every later command on the dispute timing out too.
 */
describe('inputs the fuzz test found mishandled (real API, worker, Temporal and PostgreSQL)', () => {
  // A short command timeout: the old failure (a stuck append) shows as UNAVAILABLE within the test.
  const suite = withDisputeApi('e2e-fuzz-findings', { env: { COMMAND_TIMEOUT_MS: '10000' } });
  let auditor: string;
  let system: string;
  let dispute: { id: string; buyer: string; seller: string };

  beforeAll(async () => {
    auditor = await tokenFor('AUDITOR', 'auditor-ada');
    system = await tokenFor('SYSTEM', 'order-feed');
    const order = await registerOrder(suite.api.url, system);
    const buyer = await tokenFor('BUYER', order.buyerId);
    dispute = { id: (await ok(mutate(suite.api.url, buyer, 'openDispute', openInput(order)))).id, buyer, seller: await tokenFor('SELLER', order.sellerId) };
  });

  const codes = (response: GraphQLResponse<unknown>) => (response.errors ?? []).map((error) => error.extensions.code);
  const post = (body: string, headers: Record<string, string> = {}) => fetch(`${suite.api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  describe('text PostgreSQL cannot store (NUL, unpaired UTF-16 surrogates)', () => {
    it.each([
      ['a NUL in a message', { body: 'before\u0000after' }],
      ['an unpaired high surrogate in a message', { body: 'broken \ud83d emoji' }],
      ['an unpaired low surrogate in a message', { body: '\ude00' }],
      ['a NUL in the idempotency key', { body: 'Hello.', idempotencyKey: 'key-\u0000' }],
      ['an unpaired surrogate in the idempotency key', { body: 'Hello.', idempotencyKey: 'key-\udc00' }],
    ])('refuses %s as VALIDATION, records nothing, and the dispute keeps taking commands', async (_name, input) => {
      const before = await eventsOf(suite.dataSource, dispute.id);
      const refused = await mutate(suite.api.url, dispute.buyer, 'postMessage', { disputeId: dispute.id, ...input });
      expect(codes(refused)).toEqual(['VALIDATION']);
      expect(refused.errors![0].message).toMatch(/NUL characters or unpaired UTF-16 surrogates/);
      expect(await eventsOf(suite.dataSource, dispute.id)).toEqual(before);
      const next = await ok(mutate(suite.api.url, dispute.seller, 'postMessage', { disputeId: dispute.id, body: 'Still listening. 👂🏽' }));
      expect(next.version).toBe(before.length + 1);
    });

    it('refuses a NUL in a string literal of the document, raw or escaped', async () => {
      const before = await eventsOf(suite.dataSource, dispute.id);
      for (const literal of ['"raw \u0000 NUL"', '"escaped \\u0000 NUL"', '"braced \\u{0} NUL"', '"""block \u0000 NUL"""']) {
        const response = await graphql(suite.api.url, `mutation { postMessage(input: { disputeId: "${dispute.id}", body: ${literal} }) { version } }`, {}, dispute.buyer);
        expect({ literal, codes: codes(response) }).toEqual({ literal, codes: ['VALIDATION'] });
      }
      expect(await eventsOf(suite.dataSource, dispute.id)).toEqual(before);
      expect((await readDispute(suite.api.url, dispute.buyer, dispute.id)).data!.dispute.version).toBe(before.length);
    });

    it('refuses a NUL in ids and filters as VALIDATION instead of failing the query', async () => {
      expect(codes(await graphql(suite.api.url, `query($id: ID!) { order(id: $id) { id } }`, { id: 'order-\u0000' }, auditor))).toEqual(['VALIDATION']);
      expect(codes(await graphql(suite.api.url, `query($f: DisputeFilter) { disputes(filter: $f) { edges { cursor } } }`, { f: { buyerId: 'x\u0000' } }, auditor))).toEqual(['VALIDATION']);
      expect(codes(await graphql(suite.api.url, `query($k: String) { disputes(filter: { orderId: $k }) { edges { cursor } } }`, { k: '\ud800' }, auditor))).toEqual(['VALIDATION']);
    });

    it('refuses a token whose subject PostgreSQL could not store as UNAUTHENTICATED', async () => {
      for (const subject of ['buyer\u0000', 'seller\udbff']) {
        const response = await graphql(suite.api.url, `{ disputes(first: 1) { edges { cursor } } }`, {}, await mintToken(DEV_JWT_SECRET, 'BUYER', subject, '1h'));
        expect(codes(response)).toEqual(['UNAUTHENTICATED']);
      }
    });
  });

  describe('times PostgreSQL cannot compare or store (years 0 and beyond 9999)', () => {
    it.each(['0000-01-01T00:00:00Z', '9999-12-31T23:59:59-23:59'])('refuses deadlineBefore %s as VALIDATION on the filter', async (time) => {
      const response = await graphql(suite.api.url, `query($t: String) { disputes(filter: { deadlineBefore: $t }) { edges { cursor } } }`, { t: time }, auditor);
      expect(response.errors?.[0].extensions).toEqual({ code: 'VALIDATION', field: 'filter.deadlineBefore' });
    });

    it.each([
      ['deliveryDeadlineAt', { deliveryDeadlineAt: '9999-12-31T23:59-23:59' }],
      ['shippedAt', { deliveryDeadlineAt: '2030-01-01T00:00Z', shippedAt: '0000-06-01T00:00Z' }],
    ])('refuses an order whose %s is out of range as VALIDATION', async (field, times) => {
      const response = await graphql(
        suite.api.url,
        `mutation($input: RegisterOrderInput!) { registerOrder(input: $input) { id } }`,
        { input: { orderId: `order-years-${field}`, buyerId: 'b-years', sellerId: 's-years', amountPaid: { amountMinor: 100, currency: 'EUR' }, ...times } },
        system,
      );
      expect(response.errors?.[0].extensions).toEqual({ code: 'VALIDATION', field });
    });
  });

  describe('the operator surface (issue 14)', () => {
    it.each([
      ['disputes', 'DisputeFilter', 'openedFrom'],
      ['disputes', 'DisputeFilter', 'openedBefore'],
      ['disputes', 'DisputeFilter', 'deadlineBefore'],
      ['orders', 'OrderFilter', 'placedFrom'],
      ['orders', 'OrderFilter', 'placedBefore'],
    ])('refuses an empty %s filter time (%s.%s) as VALIDATION instead of reading it as no filter', async (list, type, field) => {
      const reader = list === 'orders' ? dispute.buyer : auditor;
      const response = await graphql(suite.api.url, `query($filter: ${type}) { ${list}(filter: $filter) { edges { cursor } } }`, { filter: { [field]: '' } }, reader);
      expect(response.data ?? null).toBeNull();
      expect(response.errors?.[0].extensions).toEqual({ code: 'VALIDATION', field: `filter.${field}` });
    });

    it('refuses a webhook URL that percent-encoding makes longer than 2048 characters as VALIDATION, storing nothing', async () => {
      const register = (url: string) => graphql<{ registerWebhookEndpoint: { endpoint: { url: string } } }>(suite.api.url, `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { url } } }`, { input: { url, paused: true } }, dispute.seller);
      const endpoints = () => graphql<{ webhookEndpoints: unknown[] }>(suite.api.url, `{ webhookEndpoints { id } }`, {}, dispute.seller);
      // 1,000 characters as typed, 6,026 as stored: the table's check used to refuse it as INTERNAL.
      const response = await register(`https://hooks.example.com/${'\u00e9'.repeat(1000)}`);
      expect(response.errors?.[0]).toMatchObject({ message: expect.stringMatching(/once percent-encoded/), extensions: { code: 'VALIDATION', field: 'url' } });
      expect((await endpoints()).data?.webhookEndpoints).toEqual([]);
    });

    it('refuses a webhook URL ending in an empty fragment (a bare #) as VALIDATION, storing nothing', async () => {
      const response = await graphql(suite.api.url, `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { url } } }`, { input: { url: 'https://hooks.example.com/x#', paused: true } }, dispute.seller);
      expect(response.errors?.[0]).toMatchObject({ message: expect.stringMatching(/#fragment/), extensions: { code: 'VALIDATION', field: 'url' } });
      expect((await graphql<{ webhookEndpoints: unknown[] }>(suite.api.url, `{ webhookEndpoints { id } }`, {}, dispute.seller)).data?.webhookEndpoints).toEqual([]);
    });
  });

  describe('cursors this API never handed out', () => {
    const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    it.each([
      ['disputes, with a time that is not one', () => `{ disputes(after: "${cursor(['nope', '00000000-0000-0000-0000-000000000000'])}") { edges { cursor } } }`],
      ['disputes, with year 0', () => `{ disputes(after: "${cursor(['0000-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000000'])}") { edges { cursor } } }`],
      ['disputeEvents, with a fractional sequence', () => `{ disputeEvents(disputeId: "${dispute.id}", after: "${cursor([1.5])}") { edges { cursor } } }`],
      ['disputeEvents, beyond an integer', () => `{ disputeEvents(disputeId: "${dispute.id}", after: "${cursor([1e300])}") { edges { cursor } } }`],
      ['messages, with a negative sequence', () => `{ dispute(id: "${dispute.id}") { messages(after: "${cursor([-1])}") { totalCount } } }`],
      ['messages, with a fractional sequence', () => `{ dispute(id: "${dispute.id}") { messages(after: "${cursor([2.5])}") { totalCount } } }`],
      ['disputeTimeline, with a fractional sequence', () => `{ disputeTimeline(disputeId: "${dispute.id}", after: "${cursor([0.5])}") { totalCount } }`],
    ])('refuses a cursor for %s as VALIDATION on after', async (_name, query) => {
      const response = await graphql(suite.api.url, query(), {}, auditor);
      expect(response.errors?.[0].extensions).toEqual({ code: 'VALIDATION', field: 'after' });
    });
  });

  describe('requests refused before GraphQL runs', () => {
    it.each([
      ['malformed JSON', () => post('{"query": '), 400],
      ['a JSON value that is not an object', () => post('null'), 400],
      ['a body over 256 kB', () => post(JSON.stringify({ query: '{ viewer { id } }', variables: { padding: 'x'.repeat(300 * 1024) } })), 413],
      ['an unsupported charset', () => post(JSON.stringify({ query: '{ viewer { id } }' }), { 'content-type': 'application/json; charset=latin1' }), 415],
      ['UTF-8 sent as UTF-16', () => post(JSON.stringify({ query: '{ viewer { id } }' }), { 'content-type': 'application/json; charset=utf-16' }), 400],
      ['an unsupported content encoding', () => post(JSON.stringify({ query: '{ viewer { id } }' }), { 'content-encoding': 'x-unknown' }), 415],
      ['a body that is not the gzip it claims', () => post(JSON.stringify({ query: '{ viewer { id } }' }), { 'content-encoding': 'gzip' }), 400],
    ])('answers %s with a GraphQL error coded VALIDATION', async (_name, send, status) => {
      const response = await send();
      expect(response.status).toBe(status);
      const body = (await response.json()) as GraphQLResponse;
      expect(body.errors).toEqual([{ message: expect.stringMatching(/\w/), extensions: { code: 'VALIDATION' } }]);
    });

    it.each([
      ['a hash without the query', { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }],
      ['a hash with the query', { query: '{ viewer { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } }],
      ['an unknown persisted query version', { query: '{ viewer { id } }', extensions: { persistedQuery: { version: 2, sha256Hash: 'c'.repeat(64) } } }],
    ])('refuses a persisted query (%s) as VALIDATION: clients send the query text', async (_name, body) => {
      const response = await post(JSON.stringify(body), { authorization: `Bearer ${auditor}` });
      expect(response.status).toBe(400);
      expect(((await response.json()) as GraphQLResponse).errors?.map((error) => error.extensions.code)).toEqual(['VALIDATION']);
    });

    it('refuses a subscription sent over HTTP as VALIDATION (it is served over WebSocket)', async () => {
      const response = await graphql(suite.api.url, `subscription { disputeUpdated(id: "${dispute.id}") { version } }`, {}, dispute.buyer);
      expect(codes(response)).toEqual(['VALIDATION']);
      expect(response.errors![0].message).toMatch(/WebSocket/);
    });

    it('refuses a document of more than 10,000 tokens while parsing it', async () => {
      const aliases = Array.from({ length: 2_600 }, (_, i) => `a${i}: viewer { id }`).join(' ');
      const response = await graphql(suite.api.url, `{ ${aliases} }`, {}, auditor);
      expect(codes(response)).toEqual(['VALIDATION']);
      expect(response.errors![0].message).toMatch(/more th\w+ 10000 tokens/);
    });

    it('refuses such a document over WebSocket too, and a NUL in a subscription variable', async () => {
      const aliases = Array.from({ length: 2_600 }, (_, i) => `a${i}: disputeUpdated(id: "${dispute.id}") { version }`).join(' ');
      for (const [query, variables, message] of [
        [`subscription { ${aliases} }`, {}, /more th\w+ 10000 tokens/],
        [`subscription($id: ID!) { disputeUpdated(id: $id) { version } }`, { id: `${dispute.id}\u0000` }, /NUL characters/],
      ] as const) {
        const subscription = subscribe(suite.api.url, query, variables, dispute.buyer);
        try {
          const errors = (await subscription.failure()) as { message: string; extensions: { code: string } }[];
          expect(errors.map((error) => error.extensions.code)).toEqual(['VALIDATION']);
          expect(errors[0].message).toMatch(message);
        } finally {
          await subscription.close();
        }
      }
    });

    it('prices fragments spread twice in each of 60 fragments (2^60 selections) without walking them all', async () => {
      // Each fragment was walked once per path to it: this 2 kB document froze the API's event loop.
      const fragments = Array.from({ length: 60 }, (_, i) => `fragment F${i} on Query { v${i}: viewer { id } ${i < 59 ? `...F${i + 1} ...F${i + 1}` : ''} }`).join(' ');
      const response = await graphql(suite.api.url, `query { ...F0 } ${fragments}`, {}, auditor);
      expect(codes(response)).toEqual(['VALIDATION']);
      expect(response.errors![0].message).toMatch(/could read about \d+ items; the limit is 2000/);
    });
  });
});
