import type { Client } from '@temporalio/client';
import { disputeWorkflowId, type CommandResult } from '../../libs/contracts/src';
import { projectionOf, withPinnedPolicy, type Actor, type DisputeCommand } from '../../libs/domain/src';
import { OrderStore, readProjection } from '../../libs/persistence/src';
import { NEVER, actors, calmPolicy, openCalmDispute, openDisputeWorkflow, searchAttributeUpsertsOf, send, shortPolicy } from '../support/commands';
import { anOrder } from '../support/fixtures';
import { withDisputeWorker } from '../support/temporal';

// What a command's answer carries and what a batch issues besides its append (issue 18): the
// answer is the projection row without reading it, and search attributes move only on change.

/** The keys of every search-attribute upsert a run recorded, in order, TemporalChangeVersion left out. */
async function upsertsOf(client: Client, disputeId: string, runId?: string): Promise<string[][]> {
  return (await searchAttributeUpsertsOf(client, disputeId, runId)).map((fields) => Object.keys(fields).sort());
}

/** The seller's answer: the status moves to NEGOTIATING and the next deadline to the negotiation's. */
const counterOffer = (seller: Actor): DisputeCommand => ({
  type: 'RespondToDispute',
  actor: seller,
  data: { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 700, currency: 'EUR' } } },
});

const ALL_FIVE = ['DisputeBuyerId', 'DisputeNextDeadline', 'DisputeOrderId', 'DisputeSellerId', 'DisputeStatus'];

/** Calm, with the negotiation's window a day longer than the seller's: the counter-offer moves the next deadline by a day, not within the attribute's minute. */
const movingDeadline = shortPolicy({ sellerResponseWindowMs: NEVER, negotiationWindowMs: 2 * NEVER, mediationSlaMs: NEVER });

describe('the dispute workflow, what a command leaves besides its events', () => {
  const suite = withDisputeWorker('command-answers');

  it('answers with the chain head and time of the row the append wrote, so the answer is that row', async () => {
    const { disputeId, who } = await openCalmDispute(suite);
    const answer = await send(suite.client, disputeId, { type: 'PostMessage', actor: who.buyer, data: { messageId: 'hello', body: 'Any news?' } });

    const row = await readProjection(suite.dataSource, disputeId);
    expect(answer.head?.version).toBe(answer.state.version);
    // With the policy the dispute pinned put back, as the API does (the answer leaves it out).
    expect({ ...projectionOf(withPinnedPolicy(answer.state, calmPolicy), answer.head!.at), disputeId, headHash: answer.head!.hash }).toEqual(row);
  });

  it('sends the pinned policy only with the opening: its answer and row have it, later answers not, and the row keeps it', async () => {
    const order = await new OrderStore(suite.dataSource).register(anOrder());
    const who = actors(order);
    const opened = await openDisputeWorkflow(suite.client, suite.taskQueue, order, { policy: calmPolicy });
    expect(opened.state.policy).toEqual(calmPolicy);
    expect((await readProjection(suite.dataSource, opened.disputeId))!.state.policy).toEqual(calmPolicy);

    const answer = await send(suite.client, opened.disputeId, { type: 'PostMessage', actor: who.buyer, data: { messageId: 'm-1', body: 'Any news?' } });
    expect('policy' in answer.state).toBe(false);
    const row = await readProjection(suite.dataSource, opened.disputeId);
    expect(row!.version).toBe(answer.state.version);
    expect(row!.state.policy).toEqual(calmPolicy);
    expect(row!.state).toEqual({ ...answer.state, policy: calmPolicy });
  });

  it('upserts only the search attributes a batch changes: all five on opening, none for a message', async () => {
    // Started without attributes, as by a client that does not give them (the API does: opening-search-attributes.workflow.spec.ts).
    const order = await new OrderStore(suite.dataSource).register(anOrder());
    const who = actors(order);
    const { disputeId } = await openDisputeWorkflow(suite.client, suite.taskQueue, order, { policy: movingDeadline });
    const handle = suite.client.workflow.getHandle(disputeWorkflowId(disputeId));
    await send(suite.client, disputeId, { type: 'PostMessage', actor: who.buyer, data: { messageId: 'm-1', body: 'Any news?' } });
    await send(suite.client, disputeId, counterOffer(who.seller));

    expect(await upsertsOf(suite.client, disputeId)).toEqual([ALL_FIVE, ['DisputeNextDeadline', 'DisputeStatus']]);
    const attributes = (await handle.describe()).searchAttributes as Record<string, unknown[]>;
    expect(attributes.DisputeStatus).toEqual(['NEGOTIATING']);
    expect(attributes.DisputeBuyerId).toEqual([who.buyer.id]);
  });

  it('carries the attributes into a new run, which upserts only what its batches change and answers without a head until it stores', async () => {
    const order = await new OrderStore(suite.dataSource).register(anOrder());
    const { buyer, seller } = actors(order);
    const opened = await openDisputeWorkflow(suite.client, suite.taskQueue, order, { policy: movingDeadline, tuning: { continueAsNewAfterHistoryEvents: 40 } });
    const handle = suite.client.workflow.getHandle(disputeWorkflowId(opened.disputeId));
    const firstRunId = (await handle.describe()).runId;
    let index = 0;
    const message = (): Promise<CommandResult> => send(suite.client, opened.disputeId, { type: 'PostMessage', actor: buyer, data: { messageId: `m-${index}`, body: `Message ${index}` } }, `message-${(index += 1)}`);
    while ((await handle.describe()).runId === firstRunId) await message();

    // A retry of the first run's command: answered from the carried memory, before this run stored anything.
    const retried = await send(suite.client, opened.disputeId, { type: 'PostMessage', actor: buyer, data: { messageId: 'm-0', body: 'Message 0' } }, 'message-1');
    expect(retried.head).toBeUndefined();
    await message();
    await send(suite.client, opened.disputeId, counterOffer(seller));

    const { runId } = await handle.describe();
    expect(await upsertsOf(suite.client, opened.disputeId, runId)).toEqual([['DisputeNextDeadline', 'DisputeStatus']]);
    const attributes = (await handle.describe()).searchAttributes as Record<string, unknown[]>;
    expect(attributes.DisputeStatus).toEqual(['NEGOTIATING']);
    expect(attributes.DisputeOrderId).toEqual([order.orderId]);
    expect(attributes.DisputeNextDeadline).toHaveLength(1);
  });
});
