import { DISPUTE_COMMANDS, DISPUTE_READER } from '../../apps/api/src/api.tokens';
import type { DisputeCommands } from '../../apps/api/src/disputes/dispute-commands';
import type { DisputeReader } from '../../apps/api/src/disputes/dispute-reader';
import { disputeWorkflowId } from '../../libs/contracts/src';
import { sendCommandUpdate } from '../../libs/contracts/src/command-client';
import { isClosedWorkflow } from '../../libs/contracts/src/update-errors';
import type { DisputeCommand } from '../../libs/domain/src';
import { graphql, tokenFor, withDisputeApi } from '../support/api';
import { eventsOf } from '../support/database';
import { DISPUTE_FIELDS, mutate, ok, openInput, registerOrder, ruling } from './support/disputes';

describe('commands: retries, races and bad input (real API, worker, Temporal and PostgreSQL)', () => {
  const suite = withDisputeApi('e2e-commands');
  let system: string;

  beforeAll(async () => {
    system = await tokenFor('SYSTEM', 'order-feed');
  });

  /** A dispute in negotiation: the buyer's offer #1 and the seller's counter-offer #2 are open. */
  async function negotiating() {
    const order = await registerOrder(suite.api.url, system);
    const buyer = await tokenFor('BUYER', order.buyerId);
    const seller = await tokenFor('SELLER', order.sellerId);
    const id = (await ok(mutate(suite.api.url, buyer, 'openDispute', openInput(order)))).id;
    await ok(mutate(suite.api.url, seller, 'respondToDispute', { disputeId: id, response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1000, currency: 'EUR' } } }));
    return { id, buyer, seller, order };
  }

  const typesOf = async (id: string) => (await eventsOf(suite.dataSource, id)).map((event) => event.type);

  describe('idempotent retries', () => {
    it('answers a retry with the same key with the first result and records nothing new', async () => {
      const { id, buyer } = await negotiating();
      const input = { disputeId: id, body: 'Said once.', idempotencyKey: 'message-1' };
      const first = await ok(mutate(suite.api.url, buyer, 'postMessage', input));
      const retry = await ok(mutate(suite.api.url, buyer, 'postMessage', input));
      expect(retry.version).toBe(first.version);
      expect((await typesOf(id)).filter((type) => type === 'MessagePosted')).toHaveLength(1);
    });

    it('records the command once when the first call\u2019s connection dropped before the answer', async () => {
      const { id, buyer } = await negotiating();
      const input = { disputeId: id, body: 'Sent on a flaky train.', idempotencyKey: 'flaky-1' };
      const dropped = new AbortController();
      const firstCall = fetch(`${suite.api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${buyer}` },
        body: JSON.stringify({ query: `mutation($input: PostMessageInput!) { postMessage(input: $input) { version } }`, variables: { input } }),
        signal: dropped.signal,
      });
      setTimeout(() => dropped.abort(), 5);
      await expect(firstCall).rejects.toThrow();

      const retry = await ok(mutate(suite.api.url, buyer, 'postMessage', input));
      expect(retry.messageCount).toBe(1);
      expect((await typesOf(id)).filter((type) => type === 'MessagePosted')).toHaveLength(1);
    });

    it('scopes keys to the caller: the same key from the other party is a different command', async () => {
      const { id, buyer, seller } = await negotiating();
      await ok(mutate(suite.api.url, buyer, 'postMessage', { disputeId: id, body: 'From the buyer.', idempotencyKey: 'shared-key' }));
      const fromSeller = await ok(mutate(suite.api.url, seller, 'postMessage', { disputeId: id, body: 'From the seller.', idempotencyKey: 'shared-key' }));
      expect(fromSeller.messageCount).toBe(2);
    });
  });

  describe('concurrent conflicting commands have exactly one winner', () => {
    it('two accepts of crossing offers', async () => {
      const { id, buyer, seller } = await negotiating();
      const answers = await Promise.all([
        mutate(suite.api.url, buyer, 'acceptOffer', { disputeId: id, offerNumber: 2 }),
        mutate(suite.api.url, seller, 'acceptOffer', { disputeId: id, offerNumber: 1 }),
      ]);
      const winners = answers.filter((answer) => !answer.errors);
      const losers = answers.filter((answer) => answer.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(['INVALID_STATE', 'CONFLICT']).toContain(losers[0].errors![0].extensions.code);
      expect((await typesOf(id)).filter((type) => type === 'OfferAccepted')).toHaveLength(1);
    });

    it('two mediators claiming, then two deciding', async () => {
      const { id, buyer } = await negotiating();
      await ok(mutate(suite.api.url, buyer, 'escalateDispute', { disputeId: id, note: 'No agreement.' }));
      const [maria, mike] = await Promise.all([tokenFor('MEDIATOR', 'mediator-maria'), tokenFor('MEDIATOR', 'mediator-mike')]);

      const claims = await Promise.all([mutate(suite.api.url, maria, 'claimCase', { disputeId: id }), mutate(suite.api.url, mike, 'claimCase', { disputeId: id })]);
      expect(claims.filter((answer) => !answer.errors)).toHaveLength(1);
      expect(claims.find((answer) => answer.errors)!.errors![0].extensions.code).toBe('CONFLICT');
      const holder = claims[0].errors ? mike : maria;
      const other = holder === maria ? mike : maria;

      const decisions = await Promise.all([
        mutate(suite.api.url, holder, 'issueDecision', ruling(id)),
        mutate(suite.api.url, other, 'issueDecision', ruling(id, { outcome: 'NO_REFUND', amount: null, citedPolicyClauses: ['EV-1'] })),
        mutate(suite.api.url, holder, 'issueDecision', ruling(id, { outcome: 'FULL_REFUND', amount: null, citedPolicyClauses: ['NAD-1'], idempotencyKey: 'second-thoughts' })),
      ]);
      expect(decisions.filter((answer) => !answer.errors)).toHaveLength(1);
      expect((await typesOf(id)).filter((type) => type === 'DecisionIssued')).toHaveLength(1);
      expect(decisions[1].errors![0].extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('a command that reaches the workflow just after it completed', () => {
    // The API read the case while it was open; the command that closed it, and the end of its
    // workflow, came in between. The Update then meets a completed workflow, and the answer
    // comes from the history instead: what the real Temporal server says there is the point.
    it('is answered from the history: a retry of the closing command gets its result, anything else the domain\u2019s refusal', async () => {
      const { id, buyer: buyerToken, order } = await negotiating();
      const buyer = { role: 'BUYER' as const, id: order.buyerId };
      const { state: readWhileOpen } = await suite.api.app.get<DisputeReader>(DISPUTE_READER).visible(buyer, id, 'disputeId');
      const withdrawal = { disputeId: id, reason: 'The seller refunded me outside the platform.', idempotencyKey: 'withdraw-1' };
      await ok(mutate(suite.api.url, buyerToken, 'withdrawDispute', withdrawal));
      const workflow = suite.client.workflow.getHandle(disputeWorkflowId(id));
      await workflow.result();
      const before = await eventsOf(suite.dataSource, id);
      const post: DisputeCommand = { type: 'PostMessage', actor: buyer, data: { messageId: 'late-1', body: 'Are you still there?' } };
      // The server's answer to an Update for a completed workflow, as the classifier sees it.
      expect(isClosedWorkflow(await sendCommandUpdate(workflow, { command: post, commandId: 'probe-1' }).catch((error: unknown) => error))).toBe(true);

      const commands = suite.api.app.get<DisputeCommands>(DISPUTE_COMMANDS);
      const stale = { kind: 'existing', disputeId: id, state: readWhileOpen } as const;
      const withdraw: DisputeCommand = { type: 'WithdrawDispute', actor: buyer, data: { reason: withdrawal.reason } };
      const retry = await commands.send(buyer, stale, withdraw, withdrawal.idempotencyKey);
      expect(retry.state.status).toBe('WITHDRAWN');
      expect(retry.recordedSequences).toEqual(before.filter((event) => event.command_id === `BUYER:${order.buyerId}:withdraw-1`).map((event) => event.sequence));
      expect(retry.recordedSequences.length).toBeGreaterThan(0);
      const late = await commands.send(buyer, stale, post, 'late-1').catch((error: unknown) => error);
      expect(late).toMatchObject({ extensions: { code: 'INVALID_STATE' } });
      expect(await eventsOf(suite.dataSource, id)).toEqual(before);
    });
  });

  describe('bad input', () => {
    it.each([
      ['a dispute that does not exist', 'NOT_FOUND', { disputeId: '00000000-0000-4000-8000-000000000000', body: 'Hi' }, 'disputeId'],
      ['an id that is not a dispute id', 'NOT_FOUND', { disputeId: 'drop table', body: 'Hi' }, 'disputeId'],
      ['a missing body', 'VALIDATION', { disputeId: '00000000-0000-4000-8000-000000000000' }, undefined],
      ['an over-long idempotency key', 'VALIDATION', { body: 'Hi', idempotencyKey: 'k'.repeat(201) }, 'idempotencyKey'],
      ['a blank message', 'VALIDATION', { body: ' \n ' }, 'body'],
    ] as const)('%s gives %s and records nothing', async (_name, code, input, field) => {
      const { id, buyer } = await negotiating();
      const before = await eventsOf(suite.dataSource, id);
      const response = await mutate(suite.api.url, buyer, 'postMessage', { disputeId: id, ...input });
      expect(response.data ?? null).toBeNull();
      expect(response.errors![0].extensions.code).toBe(code);
      if (field) expect(response.errors![0].extensions.field).toBe(field);
      expect(await eventsOf(suite.dataSource, id)).toEqual(before);
    });

    it('names the field inside the input for nested faults', async () => {
      const { id, seller } = await negotiating();
      const response = await mutate(suite.api.url, seller, 'makeOffer', { disputeId: id, terms: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 100, currency: 'USD' } } });
      expect(response.errors![0].extensions).toEqual({ code: 'VALIDATION', field: 'terms.amount.currency' });
    });
  });

  it('pages through a conversation and the disputes list with cursors', async () => {
    const { id, buyer, order } = await negotiating();
    for (const body of ['one', 'two', 'three']) await ok(mutate(suite.api.url, buyer, 'postMessage', { disputeId: id, body }));
    const pageOf = async (after: string | null) =>
      (
        await graphql<{ dispute: { messages: { edges: { node: { body: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } }>(
          suite.api.url,
          `query($id: ID!, $after: String) { dispute(id: $id) { messages(first: 2, after: $after) { edges { node { body } } pageInfo { hasNextPage endCursor } } } }`,
          { id, after },
          buyer,
        )
      ).data!.dispute.messages;
    const first = await pageOf(null);
    const second = await pageOf(first.pageInfo.endCursor);
    expect([first.edges.map((edge) => edge.node.body), first.pageInfo.hasNextPage]).toEqual([['one', 'two'], true]);
    expect([second.edges.map((edge) => edge.node.body), second.pageInfo.hasNextPage]).toEqual([['three'], false]);

    const filtered = await graphql<{ disputes: { edges: { node: { id: string; status: string } }[] } }>(
      suite.api.url,
      `query($filter: DisputeFilter) { disputes(filter: $filter, first: 5) { edges { node { ${DISPUTE_FIELDS} } } } }`,
      { filter: { orderId: order.orderId, statuses: ['NEGOTIATING'] } },
      buyer,
    );
    expect(filtered.data!.disputes.edges.map((edge) => edge.node.id)).toEqual([id]);
    const badCursor = await graphql(suite.api.url, `{ disputes(first: 5, after: "bogus") { edges { cursor } } }`, {}, buyer);
    expect(badCursor.errors![0].extensions).toEqual({ code: 'VALIDATION', field: 'after' });
  });
});
