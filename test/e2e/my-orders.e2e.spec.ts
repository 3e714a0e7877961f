import { randomUUID } from 'node:crypto';
import { graphql, tokenFor, withDisputeApi, type GraphQLResponse } from '../support/api';
import { defaultPolicy, toPolicyDocument } from '../../libs/domain/src';
import { anOrder } from '../support/fixtures';
import { mutate, openInput, registerOrder } from './support/disputes';

// My Orders over GraphQL on the real stack: the orders connection, each order's disputes and
// dispute eligibility (checked against what openDispute then answers), and the feed's batch.

const DAY = 24 * 60 * 60 * 1000;

const ORDERS = `
  query Orders($filter: OrderFilter, $first: Int, $after: String) {
    orders(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id title placedAt deliveredAt disputes { id status } disputeEligibility { canOpen reason { code message } opensUntil disputesLeft } } }
    }
  }`;

const ORDER = `query Order($id: ID!) { order(id: $id) { id title placedAt deliveredAt disputes { id } disputeEligibility { canOpen reason { code message } opensUntil disputesLeft } } }`;

const REGISTER_ORDERS = `
  mutation Feed($input: RegisterOrdersInput!) {
    registerOrders(input: $input) {
      registeredCount refusedCount
      items { index orderId order { id title placedAt deliveredAt } refusal { code message field } }
    }
  }`;

interface Eligibility {
  canOpen: boolean;
  reason: { code: string; message: string } | null;
  opensUntil: string | null;
  disputesLeft: number;
}
interface OrderNode {
  id: string;
  title: string | null;
  placedAt: string;
  deliveredAt: string | null;
  disputes: { id: string; status?: string }[];
  disputeEligibility: Eligibility;
}
interface OrdersPage {
  orders: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: OrderNode }[] };
}
interface BatchAnswer {
  registerOrders: {
    registeredCount: number;
    refusedCount: number;
    items: { index: number; orderId: string; order: { id: string; title: string | null; placedAt: string; deliveredAt: string | null } | null; refusal: { code: string; message: string; field: string | null } | null }[];
  };
}

/** An order as the feed's input, from the test fixture. */
function feedItem(overrides: Record<string, unknown> = {}) {
  const order = anOrder();
  return {
    orderId: order.orderId,
    buyerId: order.buyerId,
    sellerId: order.sellerId,
    amountPaid: { minorUnits: '4999', currency: 'EUR' },
    shippedAt: order.shippedAt,
    deliveryDeadlineAt: order.deliveryDeadlineAt,
    ...overrides,
  };
}

describe('My Orders: the orders connection, eligibility and the feed\u2019s batch (real API, worker, Temporal, PostgreSQL)', () => {
  const suite = withDisputeApi('e2e-my-orders');
  let system: string;

  beforeAll(async () => {
    system = await tokenFor('SYSTEM', 'order-feed');
  });

  const feed = (input: Record<string, unknown>, token = system) => graphql<BatchAnswer>(suite.api.url, REGISTER_ORDERS, { input }, token);
  const ordersOf = (token: string, variables: Record<string, unknown> = {}) => graphql<OrdersPage>(suite.api.url, ORDERS, variables, token);

  /** Every page of `orders` for this token and filter, `first` at a time. */
  async function allPages(token: string, filter: Record<string, unknown> | null, first: number): Promise<{ ids: string[]; totals: number[]; pages: number }> {
    const ids: string[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const answer: GraphQLResponse<OrdersPage> = await ordersOf(token, { filter, first, after });
      expect(answer.errors).toBeUndefined();
      const connection = answer.data!.orders;
      pages += 1;
      ids.push(...connection.edges.map((edge) => edge.node.id));
      totals.push(connection.totalCount);
      expect(connection.edges.length).toBeLessThanOrEqual(first);
      if (!connection.pageInfo.hasNextPage) return { ids, totals, pages };
      after = connection.pageInfo.endCursor;
    }
  }

  describe('the orders connection', () => {
    const suffix = randomUUID().slice(0, 8);
    const buyerId = `buyer-${suffix}`;
    const sellerId = `seller-${suffix}`;
    const base = Date.parse('2026-10-01T12:00:00.000Z');
    // Seven orders of one buyer and seller, two placed at the same instant (the id breaks the tie); ids hold `_`, LIKE's wildcard.
    const placements = [0, 1, 2, 3, 3, 5, 6].map((day, i) => ({ orderId: `mo_${suffix}_${i}`, placedAt: new Date(base + day * DAY).toISOString() }));
    const newestFirst = [...placements].sort((a, b) => (a.placedAt === b.placedAt ? (a.orderId < b.orderId ? 1 : -1) : a.placedAt < b.placedAt ? 1 : -1)).map((p) => p.orderId);

    beforeAll(async () => {
      const answer = await feed({ orders: placements.map((p, i) => feedItem({ ...p, buyerId, sellerId, title: `Thing ${i}` })), idempotencyKey: `seed-${suffix}` });
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.registerOrders.registeredCount).toBe(placements.length);
      // Someone else's order with a similar id never shows.
      expect((await feed({ orders: [feedItem({ orderId: `mo_${suffix}_other`, placedAt: new Date(base).toISOString() })] })).errors).toBeUndefined();
    });

    it('pages forward through every order of the buyer, newest first, with no duplicates or gaps, whatever the page size', async () => {
      const buyer = await tokenFor('BUYER', buyerId);
      // Up to the default page (20): a page of 100 with this whole selection is over the cost limit, which prices
      // each order's disputes like the disputes connection (20 per order; see the refusal test below).
      for (const first of [1, 2, 3, 7, 20]) {
        const { ids, totals, pages } = await allPages(buyer, null, first);
        expect(ids).toEqual(newestFirst);
        expect(new Set(totals)).toEqual(new Set([placements.length]));
        expect(pages).toBe(Math.max(1, Math.ceil(placements.length / first)));
      }
    });

    it('shows a seller the orders they sold, and nobody else\u2019s', async () => {
      expect((await allPages(await tokenFor('SELLER', sellerId), null, 3)).ids).toEqual(newestFirst);
      expect((await allPages(await tokenFor('BUYER', `buyer-nobody-${suffix}`), null, 3)).ids).toEqual([]);
      expect((await allPages(await tokenFor('SELLER', buyerId), null, 3)).ids).toEqual([]);
    });

    it('searches by order id prefix (wildcards in the prefix match themselves)', async () => {
      const buyer = await tokenFor('BUYER', buyerId);
      expect((await allPages(buyer, { orderIdPrefix: `mo_${suffix}_3` }, 2)).ids).toEqual([`mo_${suffix}_3`]);
      expect((await allPages(buyer, { orderIdPrefix: `mo_${suffix}` }, 2)).ids).toEqual(newestFirst);
      expect((await allPages(buyer, { orderIdPrefix: `mo%${suffix}` }, 2)).ids).toEqual([]);
      expect((await allPages(buyer, { orderIdPrefix: `mo_${suffix.slice(0, 4)}_` }, 2)).ids).toEqual([]);
    });

    it('filters by placement time: from (inclusive) and before (exclusive)', async () => {
      const buyer = await tokenFor('BUYER', buyerId);
      const { ids, totals } = await allPages(buyer, { placedFrom: new Date(base + 2 * DAY).toISOString(), placedBefore: new Date(base + 5 * DAY).toISOString() }, 2);
      expect(ids).toEqual(newestFirst.filter((id) => ['2', '3', '4'].includes(id.slice(-1))));
      expect(totals[0]).toBe(3);
    });

    it('filters by "has a dispute" both ways', async () => {
      const order = await registerOrder(suite.api.url, system, { buyerId: `buyer-d-${suffix}`, sellerId: `seller-d-${suffix}` });
      const other = await registerOrder(suite.api.url, system, { buyerId: `buyer-d-${suffix}`, sellerId: `seller-d-${suffix}` });
      const buyer = await tokenFor('BUYER', order.buyerId);
      const opened = await mutate(suite.api.url, buyer, 'openDispute', openInput(order));
      expect(opened.errors).toBeUndefined();
      expect((await allPages(buyer, { hasDispute: true }, 1)).ids).toEqual([order.orderId]);
      expect((await allPages(buyer, { hasDispute: false }, 1)).ids).toEqual([other.orderId]);
      const page = await ordersOf(buyer, { filter: { hasDispute: true } });
      expect(page.data!.orders.edges[0].node.disputes).toEqual([{ id: opened.data!.openDispute.id, status: 'OPEN' }]);
    });

    it('refuses bad filters, cursors and page sizes with VALIDATION on the field, and other roles with FORBIDDEN', async () => {
      const buyer = await tokenFor('BUYER', buyerId);
      const refused = async (variables: Record<string, unknown>, token = buyer) => {
        const answer = await ordersOf(token, variables);
        return { code: answer.errors?.[0]?.extensions?.code, field: answer.errors?.[0]?.extensions?.field };
      };
      expect(await refused({ filter: { placedFrom: 'yesterday' } })).toEqual({ code: 'VALIDATION', field: 'filter.placedFrom' });
      expect(await refused({ filter: { placedBefore: '10000-01-01T00:00:00Z' } })).toEqual({ code: 'VALIDATION', field: 'filter.placedBefore' });
      expect(await refused({ filter: { orderIdPrefix: '' } })).toEqual({ code: 'VALIDATION', field: 'filter.orderIdPrefix' });
      expect(await refused({ filter: { orderIdPrefix: 'o'.repeat(129) } })).toEqual({ code: 'VALIDATION', field: 'filter.orderIdPrefix' });
      expect(await refused({ after: 'not-a-cursor' })).toEqual({ code: 'VALIDATION', field: 'after' });
      // Well-formed cursors naming what no page ends with: refused before the database sees them (a NUL would be a query error there).
      const cursorOf = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
      expect(await refused({ after: cursorOf(['2026-10-01T12:00:00.000Z', 'mo\u0000x']) })).toEqual({ code: 'VALIDATION', field: 'after' });
      expect(await refused({ after: cursorOf(['yesterday', `mo_${suffix}_3`]) })).toEqual({ code: 'VALIDATION', field: 'after' });
      expect(await refused({ first: 0 })).toEqual({ code: 'VALIDATION', field: 'first' });
      // A page of 101 of the full selection is refused by the cost limit before it runs (VALIDATION, no field);
      // the page size itself is checked on a cheap selection.
      expect(await refused({ first: 101 })).toEqual({ code: 'VALIDATION', field: undefined });
      const cheap = await graphql(suite.api.url, 'query($first: Int) { orders(first: $first) { edges { cursor } } }', { first: 101 }, buyer);
      expect(cheap.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', field: 'first' });
      for (const [role, id] of [['MEDIATOR', 'mediator-maria'], ['AUDITOR', 'auditor-ada'], ['SYSTEM', 'order-feed']] as const) {
        expect((await refused({}, await tokenFor(role, id))).code).toBe('FORBIDDEN');
      }
      expect((await ordersOf('')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('authorization of the new queries: the table of roles', () => {
    // Who may read each list: OK (data), else the code every other caller gets.
    const TABLE: Array<[string, string | null, { orders: string; mediationCases: string }]> = [
      ['BUYER', 'buyer-alice', { orders: 'OK', mediationCases: 'FORBIDDEN' }],
      ['SELLER', 'seller-acme', { orders: 'OK', mediationCases: 'FORBIDDEN' }],
      ['MEDIATOR', 'mediator-maria', { orders: 'FORBIDDEN', mediationCases: 'OK' }],
      ['AUDITOR', 'auditor-ada', { orders: 'FORBIDDEN', mediationCases: 'FORBIDDEN' }],
      ['SYSTEM', 'order-feed', { orders: 'FORBIDDEN', mediationCases: 'FORBIDDEN' }],
      ['ADMIN', 'admin-ava', { orders: 'FORBIDDEN', mediationCases: 'FORBIDDEN' }],
      ['anonymous', null, { orders: 'UNAUTHENTICATED', mediationCases: 'UNAUTHENTICATED' }],
    ];
    const QUERIES = {
      orders: '{ orders(first: 1) { totalCount edges { node { id } } } }',
      mediationCases: '{ mediationCases(first: 1) { totalCount edges { node { id } } } }',
    };

    it.each(TABLE)('%s', async (role, id, expected) => {
      const token = id === null ? undefined : await tokenFor(role as 'BUYER', id);
      for (const [query, document] of Object.entries(QUERIES) as Array<[keyof typeof QUERIES, string]>) {
        const answer = await graphql<Record<string, { totalCount: number } | null>>(suite.api.url, document, {}, token);
        const outcome = answer.errors ? answer.errors[0].extensions?.code : 'OK';
        expect([query, outcome]).toEqual([query, expected[query]]);
        if (expected[query] === 'OK') expect(typeof answer.data![query]!.totalCount).toBe('number');
        else expect(answer.data?.[query] ?? null).toBeNull();
      }
    });
  });

  describe('dispute eligibility answers what openDispute then answers', () => {
    const eligibilityOf = async (token: string, orderId: string): Promise<Eligibility> => {
      const answer = await graphql<{ order: OrderNode }>(suite.api.url, ORDER, { id: orderId }, token);
      expect(answer.errors).toBeUndefined();
      return answer.data!.order.disputeEligibility;
    };
    const openCode = async (token: string, order: Parameters<typeof openInput>[0]) => (await mutate(suite.api.url, token, 'openDispute', openInput(order))).errors?.[0]?.extensions?.code;

    it('says canOpen, and the opening succeeds; then says CONFLICT (one at a time), and a second opening is refused with CONFLICT', async () => {
      const order = await registerOrder(suite.api.url, system);
      const buyer = await tokenFor('BUYER', order.buyerId);
      const before = await eligibilityOf(buyer, order.orderId);
      expect(before).toEqual({ canOpen: true, reason: null, opensUntil: new Date(Date.parse(order.deliveryDeadlineAt) + 15 * DAY).toISOString(), disputesLeft: 2 });
      const opened = await mutate(suite.api.url, buyer, 'openDispute', openInput(order));
      expect(opened.errors).toBeUndefined();
      const after = await eligibilityOf(buyer, order.orderId);
      expect(after).toMatchObject({ canOpen: false, reason: { code: 'CONFLICT' }, disputesLeft: 1 });
      const again = await mutate(suite.api.url, buyer, 'openDispute', openInput(order));
      expect(again.errors?.[0]?.extensions?.code).toBe(after.reason!.code);
      expect(again.errors?.[0]?.message).toBe(after.reason!.message);
    });

    it.each([
      ['not shipped yet', { shippedAt: null }, 'INVALID_STATE'],
      ['past the protection window', { shippedAt: new Date(Date.now() - 40 * DAY).toISOString(), deliveryDeadlineAt: new Date(Date.now() - 20 * DAY).toISOString() }, 'DEADLINE_PASSED'],
    ])('an order %s: eligibility and openDispute give the same code', async (_name, overrides, code) => {
      const order = await registerOrder(suite.api.url, system, overrides);
      const buyer = await tokenFor('BUYER', order.buyerId);
      const eligibility = await eligibilityOf(buyer, order.orderId);
      expect(eligibility).toMatchObject({ canOpen: false, reason: { code } });
      expect(await openCode(buyer, order)).toBe(code);
    });

    it('tells the seller they cannot (role), as openDispute does', async () => {
      const order = await registerOrder(suite.api.url, system);
      const seller = await tokenFor('SELLER', order.sellerId);
      expect(await eligibilityOf(seller, order.orderId)).toMatchObject({ canOpen: false, reason: { code: 'FORBIDDEN' } });
      expect(await openCode(seller, order)).toBe('FORBIDDEN');
    });

    it('after a withdrawal the order can be disputed again while disputes are left, then not (the policy\u2019s maximum)', async () => {
      const order = await registerOrder(suite.api.url, system);
      const buyer = await tokenFor('BUYER', order.buyerId);
      for (let n = 1; n <= 2; n++) {
        const opened = await mutate(suite.api.url, buyer, 'openDispute', openInput(order));
        expect(opened.errors).toBeUndefined();
        expect((await mutate(suite.api.url, buyer, 'withdrawDispute', { disputeId: opened.data!.openDispute.id })).errors).toBeUndefined();
      }
      const eligibility = await eligibilityOf(buyer, order.orderId);
      expect(eligibility).toMatchObject({ canOpen: false, reason: { code: 'CONFLICT' }, disputesLeft: 0 });
      expect(await openCode(buyer, order)).toBe('CONFLICT');
    });
  });

  describe('registerOrders: the feed\u2019s batch', () => {
    it('registers the good items, refuses the bad ones with a typed error naming the field, and stores nothing of them', async () => {
      const good = feedItem({ title: 'Headphones' });
      const bad = feedItem({ amountPaid: { minorUnits: '100', currency: 'EURO' } });
      const blank = feedItem({ title: '   ' });
      const answer = await feed({ orders: [good, bad, blank] });
      expect(answer.errors).toBeUndefined();
      const result = answer.data!.registerOrders;
      expect(result).toMatchObject({ registeredCount: 1, refusedCount: 2 });
      expect(result.items[0]).toMatchObject({ index: 0, orderId: good.orderId, order: { id: good.orderId, title: 'Headphones' }, refusal: null });
      expect(result.items[1]).toMatchObject({ index: 1, orderId: bad.orderId, order: null, refusal: { code: 'VALIDATION', field: 'orders[1].amountPaid.currency' } });
      expect(result.items[2]).toMatchObject({ index: 2, order: null, refusal: { code: 'VALIDATION', field: 'orders[2].title' } });
      for (const refused of [bad, blank]) {
        expect((await graphql(suite.api.url, ORDER, { id: refused.orderId }, system)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      }
    });

    it('is an upsert: a replay changes nothing, a later delivery confirmation sets deliveredAt, and a replay without it keeps it', async () => {
      const placedAt = '2026-11-01T09:00:00.000Z';
      const item = feedItem({ placedAt });
      expect((await feed({ orders: [item, item] })).data!.registerOrders.registeredCount).toBe(2);
      const deliveredAt = new Date(Date.now() - DAY).toISOString();
      const confirmed = await feed({ orders: [{ ...item, deliveredAt, placedAt: null }] });
      expect(confirmed.data!.registerOrders.items[0].order).toMatchObject({ deliveredAt, placedAt });
      await feed({ orders: [item] });
      const buyer = await tokenFor('BUYER', item.buyerId);
      const stored = await graphql<{ order: OrderNode }>(suite.api.url, ORDER, { id: item.orderId }, buyer);
      expect(stored.data!.order).toMatchObject({ deliveredAt, placedAt });
      // The window now runs from delivery.
      expect(stored.data!.order.disputeEligibility.opensUntil).toBe(new Date(Date.parse(deliveredAt) + 15 * DAY).toISOString());
    });

    it('answers a retry with the same key as the first time without applying it again, and refuses the key for a different batch', async () => {
      const item = feedItem({ title: 'First title' });
      const refused = feedItem();
      const batch = { orders: [item, { ...refused, sellerId: refused.buyerId }], idempotencyKey: `batch-${randomUUID()}` };
      const first = await feed(batch);
      expect(first.data!.registerOrders).toMatchObject({ registeredCount: 1, refusedCount: 1 });
      // A newer message arrives; the retried old batch must not undo it.
      expect((await feed({ orders: [{ ...item, title: 'Newer title' }] })).errors).toBeUndefined();
      const retry = await feed(batch);
      expect(retry.errors).toBeUndefined();
      expect(retry.data!.registerOrders.items.map((entry) => [entry.orderId, entry.refusal?.code ?? null, entry.refusal?.field ?? null])).toEqual([
        [item.orderId, null, null],
        [refused.orderId, 'VALIDATION', 'orders[1].sellerId'],
      ]);
      expect(retry.data!.registerOrders.items[0].order).toMatchObject({ title: 'Newer title' });
      const reused = await feed({ orders: [item], idempotencyKey: batch.idempotencyKey });
      expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    });

    it('refuses an empty or oversized batch and a bad key whole (VALIDATION), storing nothing', async () => {
      const code = async (input: Record<string, unknown>) => (await feed(input)).errors?.[0]?.extensions;
      expect(await code({ orders: [] })).toMatchObject({ code: 'VALIDATION', field: 'orders' });
      const many = Array.from({ length: 101 }, () => feedItem());
      expect(await code({ orders: many })).toMatchObject({ code: 'VALIDATION', field: 'orders' });
      expect((await graphql(suite.api.url, ORDER, { id: many[0].orderId }, system)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(await code({ orders: [feedItem()], idempotencyKey: '' })).toMatchObject({ code: 'VALIDATION', field: 'idempotencyKey' });
    });

    it('refuses an over-long key whole, and items with a bad id or placement time one by one', async () => {
      expect((await feed({ orders: [feedItem()], idempotencyKey: 'k'.repeat(201) })).errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', field: 'idempotencyKey' });
      const badId = feedItem({ orderId: 'order with spaces' });
      const badPlacement = feedItem({ placedAt: '2026-13-01T00:00:00Z' });
      const answer = await feed({ orders: [badId, badPlacement] });
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.registerOrders).toMatchObject({ registeredCount: 0, refusedCount: 2 });
      expect(answer.data!.registerOrders.items.map((item) => [item.refusal?.code, item.refusal?.field])).toEqual([
        ['VALIDATION', 'orders[0].orderId'],
        ['VALIDATION', 'orders[1].placedAt'],
      ]);
      expect((await graphql(suite.api.url, ORDER, { id: badPlacement.orderId }, system)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('answers concurrent calls with the same key once: one applies the batch, the other gets its answer', async () => {
      const item = feedItem({ title: 'Raced' });
      const batch = { orders: [item], idempotencyKey: `race-${randomUUID()}` };
      const answers = await Promise.all([feed(batch), feed(batch), feed(batch)]);
      for (const answer of answers) {
        expect(answer.errors).toBeUndefined();
        expect(answer.data!.registerOrders).toMatchObject({ registeredCount: 1, refusedCount: 0, items: [{ orderId: item.orderId, order: { title: 'Raced' } }] });
      }
      const rows = await suite.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM order_feed_batches WHERE command_id = $1', [`SYSTEM:order-feed:${batch.idempotencyKey}`]);
      expect(rows[0].n).toBe(1);
    });

    it('authorization: only the order feed (SYSTEM) may send a batch; the table of roles', async () => {
      const table: Array<[string, string | null, string | undefined]> = [
        ['SYSTEM', 'order-feed', undefined],
        ['BUYER', 'buyer-alice', 'FORBIDDEN'],
        ['SELLER', 'seller-acme', 'FORBIDDEN'],
        ['MEDIATOR', 'mediator-maria', 'FORBIDDEN'],
        ['AUDITOR', 'auditor-ada', 'FORBIDDEN'],
        ['ADMIN', 'admin-ava', 'FORBIDDEN'],
        ['anonymous', null, 'UNAUTHENTICATED'],
      ];
      for (const [role, id, expected] of table) {
        const item = feedItem();
        const token = id === null ? undefined : await tokenFor(role as 'SYSTEM', id);
        const answer = await graphql(suite.api.url, REGISTER_ORDERS, { input: { orders: [item], idempotencyKey: `authz-${randomUUID()}` } }, token);
        expect([role, answer.errors?.[0]?.extensions?.code]).toEqual([role, expected]);
        const stored = await graphql(suite.api.url, ORDER, { id: item.orderId }, system);
        expect([role, stored.errors === undefined]).toEqual([role, expected === undefined]);
      }
    });
  });
  describe('policies as data: eligibility asks the policy an opening of THAT order would pin', () => {
    const PUBLISH = `mutation Publish($input: PublishPolicyInput!) { publishPolicy(input: $input) { line lineVersion } }`;
    const line = `e2e-mo-${randomUUID().slice(0, 8)}`;
    let admin: string;
    const publish = async (changes: Record<string, unknown>) => {
      const answer = await graphql<{ publishPolicy: { lineVersion: number } }>(suite.api.url, PUBLISH, { input: { line, policy: { ...toPolicyDocument(defaultPolicy), version: 'e2e-my-orders', ...changes } } }, admin);
      expect(answer.errors).toBeUndefined();
      return answer.data!.publishPolicy.lineVersion;
    };

    beforeAll(async () => {
      admin = await tokenFor('ADMIN', 'admin-ava');
    });

    it('judges each order of one page by its own line\u2019s current version, and follows a new publish', async () => {
      expect(await publish({ openingWindowAfterDelivery: 'P5D', maxDisputesPerOrder: 1 })).toBe(1);
      const suffix = randomUUID().slice(0, 8);
      const buyerId = `buyer-pl-${suffix}`;
      // One order on the line through registerOrder (placed now, so first), one through the batch, one on `default`.
      const onLine = await registerOrder(suite.api.url, system, { buyerId, policyLine: line });
      const batchOnLine = feedItem({ orderId: `pl_${suffix}_line`, buyerId, policyLine: line, placedAt: '2026-11-02T00:00:00.000Z' });
      const onDefault = feedItem({ orderId: `pl_${suffix}_default`, buyerId, placedAt: '2026-11-01T00:00:00.000Z' });
      const registered = await feed({ orders: [batchOnLine, onDefault] });
      expect(registered.errors).toBeUndefined();
      expect(registered.data!.registerOrders).toMatchObject({ registeredCount: 2, refusedCount: 0 });
      const buyer = await tokenFor('BUYER', buyerId);
      const page = async () => {
        const answer = await ordersOf(buyer, { first: 10 });
        expect(answer.errors).toBeUndefined();
        return answer.data!.orders.edges.map((edge) => [edge.node.id, edge.node.disputeEligibility.opensUntil, edge.node.disputeEligibility.disputesLeft]);
      };
      const until = (item: { deliveryDeadlineAt: string }, days: number) => new Date(Date.parse(item.deliveryDeadlineAt) + days * DAY).toISOString();
      expect(await page()).toEqual([
        [onLine.orderId, until(onLine, 5), 1],
        [batchOnLine.orderId, until(batchOnLine, 5), 1],
        [onDefault.orderId, until(onDefault, 15), 2],
      ]);
      // The line's next version is what the next opening pins, so it is what eligibility answers with.
      expect(await publish({ openingWindowAfterDelivery: 'P9D', maxDisputesPerOrder: 3 })).toBe(2);
      expect(await page()).toEqual([
        [onLine.orderId, until(onLine, 9), 3],
        [batchOnLine.orderId, until(batchOnLine, 9), 3],
        [onDefault.orderId, until(onDefault, 15), 2],
      ]);
      // And the opening agrees: it succeeds on the line's order and pins version 2.
      const opened = await mutate(suite.api.url, buyer, 'openDispute', openInput(onLine));
      expect(opened.errors).toBeUndefined();
      const pinned = await graphql<{ dispute: { policy: { line: string; lineVersion: number } } }>(suite.api.url, `query($id: ID!) { dispute(id: $id) { policy { line lineVersion } } }`, { id: opened.data!.openDispute.id }, buyer);
      expect(pinned.data!.dispute.policy).toEqual({ line, lineVersion: 2 });
    });

    it('refuses a batch item on a line never published (VALIDATION on orders[i].policyLine), as registerOrder does, storing nothing of it', async () => {
      const good = feedItem({ policyLine: 'default' });
      const unpublished = feedItem({ policyLine: `never-${randomUUID().slice(0, 8)}` });
      const answer = await feed({ orders: [good, unpublished] });
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.registerOrders).toMatchObject({ registeredCount: 1, refusedCount: 1 });
      expect(answer.data!.registerOrders.items[1]).toMatchObject({ index: 1, orderId: unpublished.orderId, order: null, refusal: { code: 'VALIDATION', field: 'orders[1].policyLine' } });
      const single = await graphql(suite.api.url, `mutation($input: RegisterOrderInput!) { registerOrder(input: $input) { id } }`, { input: unpublished }, system);
      expect(single.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', field: 'policyLine' });
      expect(single.errors?.[0]?.message).toBe(answer.data!.registerOrders.items[1].refusal!.message);
      expect((await graphql(suite.api.url, ORDER, { id: unpublished.orderId }, system)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });
});
