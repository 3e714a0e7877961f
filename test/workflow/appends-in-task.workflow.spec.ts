import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { disputeWorkflowId } from '../../libs/contracts/src';
import { pendingDeadlines, type DisputeState } from '../../libs/domain/src';
import { OrderStore, orderFacts, readStream } from '../../libs/persistence/src';
import { verifyChain } from '../../libs/audit/src';
import { NEVER, actors, calmPolicy, eventually, openDisputeWorkflow, send, shortPolicy, stateOf } from '../support/commands';
import { storeCommandAhead, storeDeadlineAhead, storeOpeningAhead } from '../support/stored-ahead';
import { anOrder } from '../support/fixtures';
import { withDisputeWorker } from '../support/temporal';
import { historyOnceIdle, scheduledActivitiesOf, type HistoryEvent } from '../support/workflow-history';

// A deadline's events are stored by a local activity inside the workflow task its timer woke
// (issue 18: one task per deadline, so a burst replays an evicted dispute once, not twice), and so
// are the opening's, in the workflow's first task, and a person's command's, in the task that
// received its Update; a retried task that finds them stored ahead of its history adopts them.

describe('a deadline, the opening or a command, stored in the workflow task that decided it', () => {
  const suite = withDisputeWorker('appends-in-task');
  let orders: OrderStore;

  beforeAll(() => {
    orders = new OrderStore(suite.dataSource);
  });

  const after = (events: HistoryEvent[], index: number) => events.slice(index + 1);
  const idleHistory = (disputeId: string) => historyOnceIdle(suite.client, disputeId);

  it('escalates a silent seller in one workflow task, with no activity task', async () => {
    const order = await orders.register(anOrder());
    const opened = await openDisputeWorkflow(suite.client, suite.taskQueue, order, { policy: shortPolicy({ sellerResponseWindowMs: 500, mediationSlaMs: NEVER }) });
    await eventually(() => stateOf(suite.client, opened.disputeId), (state) => state.status === 'UNDER_MEDIATION');

    const history = await idleHistory(opened.disputeId);
    const fired = history.findIndex((event) => event.timerFiredEventAttributes);
    expect(fired).toBeGreaterThan(0);
    const since = after(history, fired);
    // The deadline's append is a local activity's marker, recorded by the one task the timer woke.
    expect(since.filter((event) => event.workflowTaskCompletedEventAttributes)).toHaveLength(1);
    const markers = since.filter((event) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity');
    expect(markers).toHaveLength(1);
    expect(scheduledActivitiesOf(since)).toEqual([]);
    // The append stored the escalation, and the chain holds.
    const stored = await readStream(suite.dataSource, opened.disputeId);
    expect(stored.map((event) => event.type)).toEqual(['DisputeOpened', 'OfferMade', 'DisputeEscalated']);
    expect(stored[2].commandId).toMatch(/^deadline:SELLER_RESPONSE:/);
    expect(verifyChain(stored).valid).toBe(true);
  });

  it('adopts the deadline events a failed task stored ahead of its history, and goes on from them', async () => {
    const order = await orders.register(anOrder());
    const policy = shortPolicy({ sellerResponseWindowMs: 4_000, mediationSlaMs: NEVER });
    const opened = await openDisputeWorkflow(suite.client, suite.taskQueue, order, { policy });
    const before = (await stateOf(suite.client, opened.disputeId)) as DisputeState;
    expect(pendingDeadlines(before)[0].kind).toBe('SELLER_RESPONSE');

    // What a task whose local append succeeded and which then failed leaves: the same deadline
    // decided at another moment (the due time itself), stored before the workflow's timer fires.
    const { next, now, dueAt } = await storeDeadlineAhead(suite.dataSource, opened.disputeId, before, { order: orderFacts(order), policy });
    expect(Date.now()).toBeLessThan(Date.parse(dueAt)); // stored before the timer could fire

    const escalated = await eventually(() => stateOf(suite.client, opened.disputeId), (state) => state.status === 'UNDER_MEDIATION');
    // The workflow holds what the store holds: the escalation decided at the due time, not its own.
    expect(escalated.version).toBe(next.version);
    expect(escalated.mediation?.slaDueAt).toBe(next.mediation?.slaDueAt);
    const history = await idleHistory(opened.disputeId);
    expect(scheduledActivitiesOf(history)).toContain('storedEventsAfter');

    // The dispute goes on at the next sequence, on an unbroken chain.
    const { buyer } = actors(order);
    const posted = await send(suite.client, opened.disputeId, { type: 'PostMessage', actor: buyer, data: { messageId: 'after-catch-up', body: 'Is a mediator looking at this?' } });
    expect(posted.recordedSequences).toEqual([next.version + 1]);
    const stored = await readStream(suite.dataSource, opened.disputeId);
    expect(stored.map((event) => event.type)).toEqual(['DisputeOpened', 'OfferMade', 'DisputeEscalated', 'MessagePosted']);
    expect(stored[2].occurredAt).toBe(now);
    expect(verifyChain(stored).valid).toBe(true);
  });

  it('opens in the first workflow task: the opening stored by a local activity, its Update answered there, no activity task', async () => {
    const order = await orders.register(anOrder());
    const opened = await openDisputeWorkflow(suite.client, suite.taskQueue, order, { policy: calmPolicy });
    expect(opened.recordedSequences).toEqual([1, 2]);

    const history = await idleHistory(opened.disputeId);
    // One workflow task in all: it recorded the opening's append as a marker and answered the Update.
    expect(history.filter((event) => event.workflowTaskCompletedEventAttributes)).toHaveLength(1);
    const afterTask = after(history, history.findIndex((event) => event.workflowTaskCompletedEventAttributes));
    expect(afterTask.filter((event) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toHaveLength(1);
    expect(afterTask.filter((event) => event.workflowExecutionUpdateCompletedEventAttributes)).toHaveLength(1);
    expect(scheduledActivitiesOf(history)).toEqual([]);
    expect((await readStream(suite.dataSource, opened.disputeId)).map((event) => event.type)).toEqual(['DisputeOpened', 'OfferMade']);
  });

  it('a retried first task adopts the opening it stored, and answers the opening with it', async () => {
    const order = await orders.register(anOrder());
    const disputeId = randomUUID();
    const commandId = randomUUID();
    const stored = await storeOpeningAhead(suite.dataSource, order, disputeId, commandId, calmPolicy);

    const opened = await openDisputeWorkflow(suite.client, suite.taskQueue, order, { disputeId, commandId, policy: calmPolicy });

    expect(opened.recordedSequences).toEqual([1, 2]);
    // The state the store holds (decided a minute before), not the one this task decided.
    expect(opened.state.openedAt).toBe(stored.openedAt);
    expect(scheduledActivitiesOf(await idleHistory(disputeId))).toEqual(['storedEventsAfter']);
    const events = await readStream(suite.dataSource, disputeId);
    expect(events.map((event) => event.type)).toEqual(['DisputeOpened', 'OfferMade']);
    expect(verifyChain(events).valid).toBe(true);
  });

  it('a run with no opening in hand when its grace runs out adopts an opening stored for it, and goes on as an open dispute', async () => {
    const order = await orders.register(anOrder());
    const disputeId = randomUUID();
    const stored = await storeOpeningAhead(suite.dataSource, order, disputeId, randomUUID(), calmPolicy);

    // An opening the workflow refuses starts the run with nothing in hand (as a lost Update would leave it).
    const refused = await openDisputeWorkflow(suite.client, suite.taskQueue, order, { disputeId, policy: calmPolicy, description: '   ', tuning: { openingGraceMs: 500 } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);

    const state = await eventually(() => stateOf(suite.client, disputeId), (s) => s.version === 2);
    expect(state).toMatchObject({ status: 'OPEN', openedAt: stored.openedAt });
    const handle = suite.client.workflow.getHandle(disputeWorkflowId(disputeId));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    // It answers like any open dispute.
    const { buyer } = actors(order);
    const posted = await send(suite.client, disputeId, { type: 'PostMessage', actor: buyer, data: { messageId: 'after-adoption', body: 'Hello?' } });
    expect(posted.recordedSequences).toEqual([3]);
  });

  it('stores a person’s command in the task that received its Update: one task, no activity task', async () => {
    const order = await orders.register(anOrder());
    const opened = await openDisputeWorkflow(suite.client, suite.taskQueue, order, { policy: calmPolicy });
    await idleHistory(opened.disputeId);
    const { buyer } = actors(order);
    const posted = await send(suite.client, opened.disputeId, { type: 'PostMessage', actor: buyer, data: { messageId: 'in-one-task', body: 'The parcel never came.' } });
    expect(posted.recordedSequences).toEqual([3]);

    const history = await idleHistory(opened.disputeId);
    const since = after(history, history.findIndex((event) => event.workflowExecutionUpdateCompletedEventAttributes));
    // After the opening's answer: the message's task alone, which accepted it, stored it (a marker) and answered it.
    expect(since.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(1);
    expect(since.filter((event) => event.workflowTaskCompletedEventAttributes)).toHaveLength(1);
    expect(since.filter((event) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toHaveLength(1);
    expect(since.filter((event) => event.workflowExecutionUpdateCompletedEventAttributes)).toHaveLength(1);
    expect(scheduledActivitiesOf(history)).toEqual([]);
    const stored = await readStream(suite.dataSource, opened.disputeId);
    expect(stored.map((event) => event.type)).toEqual(['DisputeOpened', 'OfferMade', 'MessagePosted']);
    expect(verifyChain(stored).valid).toBe(true);
  });

  it('adopts a command its failed task stored and whose Update never came back, and answers that command’s retry from it', async () => {
    const order = await orders.register(anOrder());
    const opened = await openDisputeWorkflow(suite.client, suite.taskQueue, order, { policy: calmPolicy });
    const { buyer, seller } = actors(order);
    const lost = { type: 'PostMessage' as const, actor: buyer, data: { messageId: 'lost-update', body: 'Did you ship it?' } };
    const lostCommandId = `BUYER:${buyer.id}:${randomUUID()}`;
    // The store holds the buyer's message; the workflow's history does not (its task failed, and
    // the Temporal server dropped the Update with it).
    const held = (await stateOf(suite.client, opened.disputeId)) as DisputeState;
    const ahead = await storeCommandAhead(suite.dataSource, opened.disputeId, held, lost, lostCommandId, { order: orderFacts(order), policy: calmPolicy });
    expect(ahead.version).toBe(3);

    // The next command is decided at sequence 3, refused by the store, and decided again after the adopted message.
    const answer = await send(suite.client, opened.disputeId, { type: 'PostMessage', actor: seller, data: { messageId: 'after-lost', body: 'Yes, on Monday.' } });
    expect(answer.recordedSequences).toEqual([4]);
    expect(answer.state).toMatchObject({ version: 4, messageCount: 2 });
    expect(scheduledActivitiesOf(await idleHistory(opened.disputeId))).toEqual(['storedEventsAfter']);

    // The buyer's client sends its command again with the same key: answered from the stored events, nothing new stored.
    const retried = await send(suite.client, opened.disputeId, lost, lostCommandId);
    expect(retried.recordedSequences).toEqual([3]);
    const stored = await readStream(suite.dataSource, opened.disputeId);
    expect(stored.map((event) => event.type)).toEqual(['DisputeOpened', 'OfferMade', 'MessagePosted', 'MessagePosted']);
    expect(stored[2].commandId).toBe(lostCommandId);
    expect(stored[3].commandId).not.toBe(lostCommandId);
    expect(verifyChain(stored).valid).toBe(true);
  });
});
