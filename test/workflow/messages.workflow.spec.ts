import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { availableActionsQuery, commandSignals, disputeWorkflowId, pendingDeadlinesQuery, whoseTurnQuery } from '../../libs/contracts/src';
import { NotificationEndpointStore, OrderStore } from '../../libs/persistence/src';
import { actors, calmPolicy, eventually, openCalmDispute, openDisputeWorkflow, send, shortPolicy, stateOf, NEVER } from '../support/commands';
import { eventsOf } from '../support/database';
import { TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE } from '../support/environment';
import { anOrder } from '../support/fixtures';
import { withDisputeWorker } from '../support/temporal';
import { hasValidSignature, startWebhookReceiver } from '../support/webhook-receiver';
import { patchIdsOf, scheduledActivitiesOf } from '../support/workflow-history';

const run = promisify(execFile);
describe('messages to a dispute workflow: updates, signals and queries', () => {
  const suite = withDisputeWorker('messages');
  const { taskQueue } = suite;
  let orders: OrderStore;

  beforeAll(async () => {
    orders = new OrderStore(suite.dataSource);
  });

  const openDispute = () => openCalmDispute(suite);

  it('carries a negotiation through updates: counter-offer, messages, acceptance, refund, closed', async () => {
    const { order, disputeId, who } = await openDispute();
    await send(suite.client, disputeId, { type: 'RespondToDispute', actor: who.seller, data: { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 2500, currency: 'EUR' } } } });
    await send(suite.client, disputeId, { type: 'PostMessage', actor: who.buyer, data: { messageId: 'm-1', body: 'Half would be fair.' } });
    const offers = (await stateOf(suite.client, disputeId)).offers;
    const sellerOffer = offers.find((offer) => offer.by === 'SELLER' && offer.status === 'OPEN')!;

    await send(suite.client, disputeId, { type: 'AcceptOffer', actor: who.buyer, data: { offerNumber: sellerOffer.offerNumber } });

    const closed = await eventually(() => stateOf(suite.client, disputeId), (state) => state.status === 'CLOSED');
    expect(closed.refundedMinor).toBe(2500);
    expect((await orders.find(order.orderId))?.amountRefundedMinor).toBe(2500);
    const sequences = (await eventsOf(suite.dataSource, disputeId)).map((event) => event.sequence);
    expect(sequences).toEqual(sequences.map((_, index) => index + 1));
  });

  it('refuses a command in the validator with the domain code, recording nothing', async () => {
    const { disputeId, who } = await openDispute();
    const before = await eventsOf(suite.dataSource, disputeId);

    const refusal = await send(suite.client, disputeId, { type: 'IssueDecision', actor: who.mediator, data: { outcome: 'NO_REFUND', rationale: 'x', citedEvidenceIds: [], citedPolicyClauses: ['GEN-1'] } }).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(((refusal as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toMatch(/^(NOT_FOUND|INVALID_STATE|FORBIDDEN)$/);
    expect(await eventsOf(suite.dataSource, disputeId)).toEqual(before);
  });

  it('refuses a malformed update (no actor) as VALIDATION instead of failing the workflow', async () => {
    const { disputeId, handle } = await openDispute();
    const refusal = await handle
      .executeUpdate('executeCommand', { args: [{ command: { type: 'PostMessage', data: { messageId: 'x', body: 'hi' } }, commandId: 'c-1' }] })
      .catch((error: unknown) => error);
    expect(((refusal as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('VALIDATION');
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect(await eventsOf(suite.dataSource, disputeId)).toHaveLength(2);
  });

  it('accepts a message as a Signal sent by the real temporal CLI', async () => {
    const { disputeId, who } = await openDispute();
    const cli = process.env.TEMPORAL_CLI_PATH ?? 'temporal';

    await run(cli, [
      'workflow', 'signal',
      '--address', TEMPORAL_ADDRESS,
      '--namespace', TEMPORAL_NAMESPACE,
      '--workflow-id', disputeWorkflowId(disputeId),
      '--name', 'PostMessage',
      '--input', JSON.stringify({ actor: who.seller, data: { messageId: 'cli-1', body: 'We shipped it on Monday, tracking attached.' }, commandId: 'ops-cli-1' }),
    ]);

    const state = await eventually(() => stateOf(suite.client, disputeId), (s) => s.messageCount === 1);
    expect(state.version).toBe(3);
    const events = await eventsOf(suite.dataSource, disputeId);
    expect(events[2]).toMatchObject({ type: 'MessagePosted', command_id: 'ops-cli-1' });
  });

  it('applies a signal repeated with the same command id once', async () => {
    const { disputeId, who, handle } = await openDispute();
    const payload = { actor: who.buyer, data: { messageId: 'dup-1', body: 'Any news?' }, commandId: 'same-signal' };
    await handle.signal(commandSignals.PostMessage, payload);
    await handle.signal(commandSignals.PostMessage, payload);
    await handle.signal(commandSignals.PostMessage, { ...payload, commandId: 'next-signal', data: { messageId: 'dup-2', body: 'Hello?' } });

    await eventually(() => stateOf(suite.client, disputeId), (s) => s.messageCount === 2);
    expect((await eventsOf(suite.dataSource, disputeId)).filter((event) => event.type === 'MessagePosted')).toHaveLength(2);
  });

  it('drops a refused signal without changing anything and keeps the workflow healthy', async () => {
    const { disputeId, who, handle } = await openDispute();
    await handle.signal(commandSignals.IssueDecision, { actor: who.mediator, data: { outcome: 'NO_REFUND' } });
    await handle.signal(commandSignals.PostMessage, { actor: { role: 'BUYER', id: 'not-the-buyer' }, data: { messageId: 'x', body: 'hi' } });
    await handle.signal(commandSignals.PostMessage, 'not even an object' as never);
    await handle.signal(commandSignals.PostMessage, { actor: who.buyer, data: { messageId: 'ok-1', body: 'This one is fine.' } });

    const state = await eventually(() => stateOf(suite.client, disputeId), (s) => s.messageCount === 1);
    expect(state.version).toBe(3);
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });

  it('answers queries for whose turn it is, the actions an actor may take, and pending deadlines', async () => {
    const order = await orders.register(anOrder());
    const opened = await openDisputeWorkflow(suite.client, taskQueue, order, { policy: shortPolicy({ sellerResponseWindowMs: NEVER }) });
    const handle = suite.client.workflow.getHandle(disputeWorkflowId(opened.disputeId));
    const who = actors(order);

    expect(await handle.query(whoseTurnQuery)).toMatchObject({ role: 'SELLER', dueAt: opened.state.sellerResponseDueAt });
    expect(await handle.query(availableActionsQuery, who.seller)).toContain('RespondToDispute');
    expect(await handle.query(availableActionsQuery, who.buyer)).not.toContain('RespondToDispute');
    expect(await handle.query(availableActionsQuery, { role: 'SELLER', id: 'another-seller' })).toEqual([]);
    expect(await handle.query(pendingDeadlinesQuery)).toEqual([expect.objectContaining({ kind: 'SELLER_RESPONSE', dueAt: opened.state.sellerResponseDueAt })]);
  });

  describe('notifications', () => {
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

    beforeAll(async () => {
      // The first request for each delivery fails, to show the outbox retries with backoff.
      receiver = await startWebhookReceiver(({ nthForDelivery }) => (nthForDelivery === 1 ? 503 : 204));
    });
    afterAll(() => receiver?.close());

    it('delivers a signed webhook to a party’s endpoint through the outbox, retrying a failed delivery, with no activity per recipient', async () => {
      const order = await orders.register(anOrder());
      const secret = 'buyer-webhook-secret-0123456789';
      const { endpointId } = await new NotificationEndpointStore(suite.dataSource).register({ accountId: order.buyerId, url: receiver.url('/hooks'), secret });

      const opened = await openDisputeWorkflow(suite.client, taskQueue, order, { policy: calmPolicy });

      const deliveryId = `${opened.disputeId}:2:${endpointId}`;
      const [failed, delivered] = await eventually(async () => receiver.attemptsOf(deliveryId), (list) => list.length >= 2, 30_000);
      expect([failed.status, delivered.status]).toEqual([503, 204]);
      expect(JSON.parse(delivered.body)).toEqual({ id: deliveryId, disputeId: opened.disputeId, sequence: 2, eventTypes: ['DisputeOpened', 'OfferMade'], status: 'OPEN', occurredAt: expect.any(String) });
      expect(delivered.headers['x-dispute-delivery-id']).toBe(deliveryId);
      expect(hasValidSignature(delivered, secret)).toBe(true);
      // The seller has no endpoint: nothing to deliver. The buyer's row records both attempts,
      // and no further one is due (the dispatcher claims only rows whose next attempt has come).
      // This endpoint's rows only: platform-wide endpoints other suites registered on the shared database also get rows.
      const rowsOf = () => suite.dataSource.query('SELECT delivery_id, attempts, delivered_at, next_attempt_at, last_error FROM notification_outbox WHERE dispute_id = $1 AND endpoint_id = $2 ORDER BY delivery_id', [opened.disputeId, endpointId]);
      const rows = await eventually(rowsOf, (list: { delivered_at: Date | null }[]) => list.every((row) => row.delivered_at !== null));
      expect(rows).toEqual([{ delivery_id: deliveryId, attempts: 2, delivered_at: expect.any(Date), next_attempt_at: null, last_error: expect.stringContaining('answered 503') }]);

      // The workflow only appended, in its first task (the opening's local append): one patch
      // marker (the consolidated one, standing for every patch before it, with the one
      // TemporalChangeVersion upsert the SDK adds beside a marker), and no activity task at all,
      // deliverNotification or other.
      const events = (await suite.client.workflow.getHandle(disputeWorkflowId(opened.disputeId)).fetchHistory()).events ?? [];
      const activities = scheduledActivitiesOf(events);
      expect(activities).toEqual([]);
      expect(events.filter((event) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toHaveLength(1);
      const patches = patchIdsOf(events);
      expect(patches).toEqual(['consolidated-patches-3']);
      const versionUpserts = events.filter((event) => event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.TemporalChangeVersion);
      expect(versionUpserts).toHaveLength(1);

      // Delivered once is delivered for good: a later notification of the dispute goes out (so the
      // dispatcher has claimed due rows since this one was settled), and this one was not sent again.
      await send(suite.client, opened.disputeId, { type: 'PostMessage', actor: actors(order).seller, data: { messageId: 'm-after', body: 'We shipped it again.' } });
      const laterId = `${opened.disputeId}:3:${endpointId}`;
      await eventually(async () => receiver.attemptsOf(laterId), (list) => list.length >= 1, 30_000);
      expect(receiver.attemptsOf(deliveryId)).toHaveLength(2);
      expect((await rowsOf()).find((row: { delivery_id: string }) => row.delivery_id === deliveryId)).toEqual(rows[0]);
    }, 60_000);
  });
});
