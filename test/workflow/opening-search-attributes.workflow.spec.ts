import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { DISPUTE_SEARCH_ATTRIBUTE_KEYS, NEXT_DEADLINE_GRAIN_MS, disputeWorkflowId, openingSearchAttributes, type CommandEnvelope } from '../../libs/contracts/src';
import { defaultPolicy, evolve, initialState, decide } from '../../libs/domain/src';
import { orderFacts } from '../../libs/persistence/src';
import { checkOpening, startWithOpening, type NewDispute } from '../../apps/api/src/disputes/dispute-opening';
import { eventually, searchAttributeUpsertsOf, send } from '../support/commands';
import { anOrder } from '../support/fixtures';
import { withDisputeWorker } from '../support/temporal';

// The opening as the API sends it (issue 18): the workflow starts with the search attributes of
// the state the API's own decision leads to, so its first batch upserts none of them (the next
// deadline only if a minute turned between the API's clock and the workflow's), and a run whose
// opening the workflow refuses clears them before it ends.

function openingOf(disputeId: string, order: ReturnType<typeof anOrder>, description = 'The parcel has not moved for a week.'): CommandEnvelope {
  return {
    commandId: randomUUID(),
    command: {
      type: 'OpenDispute',
      actor: { role: 'BUYER', id: order.buyerId },
      data: { disputeId, orderId: order.orderId, reason: 'NOT_RECEIVED', description, evidence: [], requestedResolution: { kind: 'FULL_REFUND' } },
    },
  };
}

describe('the dispute workflow, the search attributes an opening starts with', () => {
  const suite = withDisputeWorker('opening-attributes');

  it('starts with the attributes of the opened state, which its first batch leaves as they are', async () => {
    const order = anOrder();
    const disputeId = randomUUID();
    const envelope = openingOf(disputeId, order);
    const to: NewDispute = { kind: 'new', disputeId, orderId: order.orderId, order: orderFacts(order), policyLine: 'default' };
    const start = checkOpening(to, envelope, defaultPolicy, false);
    expect(start.searchAttributes.map((pair) => pair.key.name).sort()).toEqual(['DisputeBuyerId', 'DisputeNextDeadline', 'DisputeOrderId', 'DisputeSellerId', 'DisputeStatus']);

    const result = await startWithOpening(suite.client, suite.taskQueue, start, envelope);

    // The deadline the workflow decided, at a minute's grain, is what the run holds.
    const due = Date.parse(result.state.sellerResponseDueAt!);
    const attributes = (await suite.client.workflow.getHandle(disputeWorkflowId(disputeId)).describe()).searchAttributes as Record<string, unknown[]>;
    expect(attributes).toMatchObject({ DisputeStatus: ['OPEN'], DisputeOrderId: [order.orderId], DisputeBuyerId: [order.buyerId], DisputeSellerId: [order.sellerId] });
    expect(attributes.DisputeNextDeadline).toEqual([new Date(due - (due % NEXT_DEADLINE_GRAIN_MS))]);
    // Nothing the start gave was upserted again; only a deadline in another minute could be.
    const upserts = await searchAttributeUpsertsOf(suite.client, disputeId);
    expect(upserts.length).toBeLessThanOrEqual(1);
    for (const fields of upserts) expect(Object.keys(fields)).toEqual(['DisputeNextDeadline']);
    // A message changes none of them, so it upserts nothing either.
    await send(suite.client, disputeId, { type: 'PostMessage', actor: { role: 'BUYER', id: order.buyerId }, data: { messageId: 'm-1', body: 'Any news?' } });
    expect(await searchAttributeUpsertsOf(suite.client, disputeId)).toEqual(upserts);
  });

  it('clears the attributes it started with when the workflow refuses the opening', async () => {
    const order = anOrder();
    const disputeId = randomUUID();
    const facts = orderFacts(order);
    // The attributes of a valid opening, given with an opening the workflow's validator refuses.
    const valid = decide(openingOf(disputeId, order).command, initialState, { now: new Date().toISOString(), order: facts, policy: defaultPolicy });
    if (!valid.ok) throw new Error('the reference opening was refused');
    const searchAttributes = openingSearchAttributes(facts, valid.events.reduce(evolve, initialState));
    const refused = openingOf(disputeId, order, '   ');

    const refusal = await startWithOpening(suite.client, suite.taskQueue, { workflow: { disputeId, order: facts, policy: defaultPolicy, tuning: { openingGraceMs: 500 } }, searchAttributes }, refused).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);

    const handle = suite.client.workflow.getHandle(disputeWorkflowId(disputeId));
    const ended = await eventually(() => handle.describe(), (description) => description.status.name === 'COMPLETED');
    for (const key of DISPUTE_SEARCH_ATTRIBUTE_KEYS) expect(ended.typedSearchAttributes.get(key)).toBeUndefined();
    expect(await searchAttributeUpsertsOf(suite.client, disputeId)).toEqual([{ DisputeStatus: null, DisputeOrderId: null, DisputeBuyerId: null, DisputeSellerId: null, DisputeNextDeadline: null }]);
    // An operator looking for the order's disputes does not find the run.
    const found = async () => {
      const ids: string[] = [];
      for await (const execution of suite.client.workflow.list({ query: `DisputeOrderId = '${order.orderId}'` })) ids.push(execution.workflowId);
      return ids;
    };
    expect(await eventually(found, (ids) => ids.length === 0)).toEqual([]);
  });
});
