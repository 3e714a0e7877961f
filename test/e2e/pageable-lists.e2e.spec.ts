import { graphql, tokenFor, withDisputeApi, type GraphQLResponse } from '../support/api';
import { anOrder } from '../support/fixtures';
import { mutate, openInput, registerOrder } from './support/disputes';
import { disputeIn, type StagedDispute } from './support/states';

// The mediation queue as a connection (mediationCases) and the disputes list's new filters, over
// GraphQL on the real stack: every page read forward, no case twice, none missing, each filter.

const CASES = `
  query Cases($filter: MediationQueueFilter, $first: Int, $after: String) {
    mediationCases(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id status amountInDispute { minorUnits currency } mediation { stage reason mediatorId slaDueAt slaBreached } } }
    }
  }`;

const DISPUTES = `
  query List($filter: DisputeFilter, $first: Int, $after: String) {
    disputes(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id reason openedAt } }
    }
  }`;

interface QueueNode {
  id: string;
  status: string;
  amountInDispute: { minorUnits: string; currency: string };
  mediation: { stage: string; reason: string; mediatorId: string | null; slaDueAt: string; slaBreached: boolean };
}
interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

/** Reads every page of a connection field, `first` at a time. */
async function everyPage<T>(read: (after: string | null) => Promise<GraphQLResponse<Record<string, Connection<T>>>>, field: string): Promise<{ nodes: T[]; totals: number[] }> {
  const nodes: T[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (;;) {
    const answer = await read(after);
    expect(answer.errors).toBeUndefined();
    const connection = answer.data![field];
    nodes.push(...connection.edges.map((edge) => edge.node));
    totals.push(connection.totalCount);
    if (!connection.pageInfo.hasNextPage) return { nodes, totals };
    after = connection.pageInfo.endCursor;
  }
}

describe('pageable lists: mediationCases and the disputes filters (real API, worker, Temporal, PostgreSQL)', () => {
  const suite = withDisputeApi('e2e-pageable-lists');
  let system: string;
  let maria: string;

  beforeAll(async () => {
    system = await tokenFor('SYSTEM', 'order-feed');
    maria = await tokenFor('MEDIATOR', 'mediator-maria');
  });

  describe('mediationCases', () => {
    const staged: Record<string, StagedDispute> = {};

    beforeAll(async () => {
      staged.waitingA = await disputeIn(suite.api.url, system, 'escalated');
      staged.waitingB = await disputeIn(suite.api.url, system, 'escalated');
      staged.claimed = await disputeIn(suite.api.url, system, 'claimed');
      staged.appealed = await disputeIn(suite.api.url, system, 'appealed');
    }, 120_000);

    const cases = (filter: Record<string, unknown> | null, first: number) =>
      everyPage<QueueNode>((after) => graphql(suite.api.url, CASES, { filter, first, after }, maria), 'mediationCases');
    const mine = (nodes: QueueNode[]) => nodes.map((node) => node.id).filter((id) => Object.values(staged).some((dispute) => dispute.id === id));

    it('pages forward through the whole queue, unclaimed first then by SLA due time, no case twice and none missing', async () => {
      for (const first of [1, 2, 100]) {
        const { nodes, totals } = await cases(null, first);
        const ids = nodes.map((node) => node.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(totals)).toEqual(new Set([ids.length]));
        expect(new Set(mine(nodes))).toEqual(new Set(Object.values(staged).map((dispute) => dispute.id)));
        const keys = nodes.map((node) => [node.mediation.mediatorId === null ? 0 : 1, Date.parse(node.mediation.slaDueAt)] as const);
        for (let i = 1; i < keys.length; i++) expect(keys[i][0] > keys[i - 1][0] || (keys[i][0] === keys[i - 1][0] && keys[i][1] >= keys[i - 1][1])).toBe(true);
        expect(nodes.every((node) => ['UNDER_MEDIATION', 'UNDER_APPEAL'].includes(node.status))).toBe(true);
      }
    });

    it('filters by stage, claimed or not, escalation reason and SLA breach', async () => {
      const { waitingA, waitingB, claimed, appealed } = staged;
      expect(mine((await cases({ stages: ['APPEAL'] }, 2)).nodes)).toEqual([appealed.id]);
      expect(new Set(mine((await cases({ stages: ['MEDIATION'] }, 2)).nodes))).toEqual(new Set([waitingA.id, waitingB.id, claimed.id]));
      expect(new Set(mine((await cases({ claimed: false }, 2)).nodes))).toEqual(new Set([waitingA.id, waitingB.id]));
      expect(new Set(mine((await cases({ claimed: true }, 2)).nodes))).toEqual(new Set([claimed.id, appealed.id]));
      expect(new Set(mine((await cases({ escalationReasons: ['BUYER_REQUEST'] }, 2)).nodes))).toEqual(new Set(Object.values(staged).map((d) => d.id)));
      expect(mine((await cases({ escalationReasons: ['SELLER_NO_RESPONSE'] }, 2)).nodes)).toEqual([]);
      // The default policy's SLA is seven days: none of these is breached yet.
      expect(new Set(mine((await cases({ slaBreached: false }, 2)).nodes))).toEqual(new Set(Object.values(staged).map((d) => d.id)));
      expect(mine((await cases({ slaBreached: true }, 2)).nodes)).toEqual([]);
      const filtered = await cases({ stages: ['MEDIATION'], claimed: false }, 1);
      expect(filtered.nodes.every((node) => node.mediation.stage === 'MEDIATION' && node.mediation.mediatorId === null)).toBe(true);
      expect(filtered.totals[0]).toBe(filtered.nodes.length);
    });

    it("lists the cases one mediator holds (the console's \"my cases\"): their own, or anyone's for a lead mediator", async () => {
      const { claimed, appealed } = staged;
      const held = await cases({ mediatorId: 'mediator-maria' }, 1);
      expect(mine(held.nodes)).toEqual([claimed.id]);
      expect(held.nodes.every((node) => node.mediation.mediatorId === 'mediator-maria')).toBe(true);
      expect(held.totals[0]).toBe(held.nodes.length);
      // A dispute on the whole order puts all of it at stake (the fixture order paid 49.99 EUR).
      expect(held.nodes.find((node) => node.id === claimed.id)?.amountInDispute).toEqual({ minorUnits: '4999', currency: 'EUR' });
      const lena = claimed.tokens.lena;
      const mikes = await everyPage<QueueNode>((after) => graphql(suite.api.url, CASES, { filter: { mediatorId: 'mediator-mike', stages: ['APPEAL'] }, first: 5, after }, lena), 'mediationCases');
      expect(mine(mikes.nodes)).toEqual([appealed.id]);
      expect((await everyPage<QueueNode>((after) => graphql(suite.api.url, CASES, { filter: { mediatorId: 'mediator-nobody' }, first: 5, after }, lena), 'mediationCases')).nodes).toEqual([]);
      // Anyone else's cases are refused to a mediator who is not a lead, with a sentence naming what they may ask for.
      for (const mediatorId of ['mediator-mike', '']) {
        const refused = await graphql(suite.api.url, CASES, { filter: { mediatorId } }, maria);
        expect(refused.data).toBeNull();
        expect(refused.errors?.[0]).toMatchObject({ message: 'You may list only the cases you hold: ask for mediatorId "mediator-maria".', extensions: { code: 'FORBIDDEN', field: 'filter.mediatorId' } });
      }
    });

    it('keeps the deprecated mediationQueue list working, and is for mediators only', async () => {
      const old = await graphql<{ mediationQueue: { id: string }[] }>(suite.api.url, 'query { mediationQueue(first: 100) { id } }', {}, maria);
      expect(old.errors).toBeUndefined();
      const { nodes } = await cases(null, 100);
      expect(old.data!.mediationQueue.map((d) => d.id)).toEqual(nodes.slice(0, 100).map((node) => node.id));
      for (const token of [staged.waitingA.tokens.buyer, staged.waitingA.tokens.seller, await tokenFor('AUDITOR', 'auditor-ada'), system]) {
        expect((await graphql(suite.api.url, CASES, {}, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const refusal = async (variables: Record<string, unknown>) => (await graphql(suite.api.url, CASES, variables, maria)).errors?.[0]?.extensions;
      expect(await refusal({ after: 'bm90LWEtY3Vyc29y' })).toMatchObject({ code: 'VALIDATION', field: 'after' });
      // Well-formed cursors naming no queue position: claimed is 0 or 1, the id a dispute id, the time a time.
      const cursorOf = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
      const { waitingA } = staged;
      expect(await refusal({ after: cursorOf([2, '2026-10-01T12:00:00.000Z', waitingA.id]) })).toMatchObject({ code: 'VALIDATION', field: 'after' });
      expect(await refusal({ after: cursorOf([0, '2026-10-01T12:00:00.000Z', 'not-a-dispute']) })).toMatchObject({ code: 'VALIDATION', field: 'after' });
      expect(await refusal({ after: cursorOf([0, 'soon', waitingA.id]) })).toMatchObject({ code: 'VALIDATION', field: 'after' });
      expect(await refusal({ first: 0 })).toMatchObject({ code: 'VALIDATION', field: 'first' });
      // A cheap selection, so that the page size and not the cost limit is what refuses 101.
      const big = await graphql(suite.api.url, 'query($first: Int) { mediationCases(first: $first) { edges { cursor } } }', { first: 101 }, maria);
      expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', field: 'first' });
      expect(await refusal({ filter: { stages: ['NEGOTIATION'] } })).toMatchObject({ code: 'VALIDATION' });
    });
  });

  describe('disputes: opening-date range and reason', () => {
    it('filters by reason and by opening time, pages without gaps, and counts what the pages hold', async () => {
      const buyerId = anOrder().buyerId;
      const orders = [
        await registerOrder(suite.api.url, system, { buyerId }),
        await registerOrder(suite.api.url, system, { buyerId }),
        await registerOrder(suite.api.url, system, { buyerId }),
      ];
      const buyer = await tokenFor('BUYER', buyerId);
      const opened: { id: string; openedAt: string }[] = [];
      for (const [i, order] of orders.entries()) {
        const input = i === 1 ? openInput(order, { reason: 'NOT_RECEIVED', subReason: null, evidence: [], requestedResolution: { kind: 'FULL_REFUND' } }) : openInput(order);
        const answer = await mutate(suite.api.url, buyer, 'openDispute', input);
        expect(answer.errors).toBeUndefined();
        const read = await graphql<{ dispute: { openedAt: string } }>(suite.api.url, 'query($id: ID!) { dispute(id: $id) { openedAt } }', { id: answer.data!.openDispute.id }, buyer);
        opened.push({ id: answer.data!.openDispute.id, openedAt: read.data!.dispute.openedAt });
      }
      const list = (filter: Record<string, unknown> | null, first: number) =>
        everyPage<{ id: string; reason: string; openedAt: string }>((after) => graphql(suite.api.url, DISPUTES, { filter, first, after }, buyer), 'disputes');
      const all = await list(null, 1);
      expect(all.nodes.map((node) => node.id)).toEqual([...opened].reverse().map((d) => d.id));
      expect(new Set(all.totals)).toEqual(new Set([3]));
      expect((await list({ reasons: ['NOT_RECEIVED'] }, 1)).nodes.map((node) => node.id)).toEqual([opened[1].id]);
      const nad = await list({ reasons: ['NOT_AS_DESCRIBED'] }, 1);
      expect([nad.nodes.map((node) => node.id), nad.totals[0]]).toEqual([[opened[2].id, opened[0].id], 2]);
      const fromSecond = await list({ openedFrom: opened[1].openedAt }, 2);
      expect(fromSecond.nodes.map((node) => node.id)).toEqual([opened[2].id, opened[1].id]);
      const beforeSecond = await list({ openedBefore: opened[1].openedAt }, 2);
      expect([beforeSecond.nodes.map((node) => node.id), beforeSecond.totals[0]]).toEqual([[opened[0].id], 1]);
      const bad = await graphql(suite.api.url, DISPUTES, { filter: { openedFrom: 'last week' } }, buyer);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', field: 'filter.openedFrom' });
    });
  });
});
