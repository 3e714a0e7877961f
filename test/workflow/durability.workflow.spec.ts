import { disputeWorkflowId } from '../../libs/contracts/src';
import { OrderStore } from '../../libs/persistence/src';
import { NEVER, actors, eventually, openDisputeWorkflow, send, shortPolicy, stateOf } from '../support/commands';
import { eventsOf } from '../support/database';
import { anOrder } from '../support/fixtures';
import { withDisputeWorker } from '../support/temporal';
import { timersOf, type RecordedTimer } from '../support/workflow-history';

describe('a dispute survives its worker, long histories and failed refunds', () => {
  const suite = withDisputeWorker('durability', { poolSize: 10 });
  const { taskQueue } = suite;
  let orders: OrderStore;

  beforeAll(() => {
    orders = new OrderStore(suite.dataSource);
  });

  function expectGapFreeAndUnique(sequences: number[]) {
    expect(sequences).toEqual(sequences.map((_, index) => index + 1));
  }

  it('continues after the worker stops mid-dispute: a new worker fires the timers that fell due meanwhile', async () => {
    const order = await orders.register(anOrder());
    const { seller } = actors(order);
    const opened = await openDisputeWorkflow(suite.client, taskQueue, order, { policy: shortPolicy({ sellerResponseWindowMs: NEVER, negotiationWindowMs: 1500, mediationSlaMs: NEVER }) });
    await send(suite.client, opened.disputeId, { type: 'RespondToDispute', actor: seller, data: { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 700, currency: 'EUR' } } } });

    // The negotiation timer: set for the rest of the 1.5 s window once the seller has answered.
    const negotiationTimers = (timers: RecordedTimer[]) => timers.filter((timer) => timer.delayMs <= 1500);
    await eventually(() => timersOf(suite.client, opened.disputeId), (timers) => negotiationTimers(timers).length > 0);
    await suite.restartWorker(async () => {
      // The window ends while no worker runs: the server fires the timer, and nobody records the deadline.
      await eventually(() => timersOf(suite.client, opened.disputeId), (timers) => negotiationTimers(timers).some((timer) => timer.outcome === 'FIRED'));
      expect((await eventsOf(suite.dataSource, opened.disputeId)).map((event) => event.type)).not.toContain('DisputeEscalated');
    });

    const state = await eventually(() => stateOf(suite.client, opened.disputeId), (s) => s.status === 'UNDER_MEDIATION');
    expect(state.mediation?.reason).toBe('NEGOTIATION_TIMEOUT');
    const events = await eventsOf(suite.dataSource, opened.disputeId);
    expectGapFreeAndUnique(events.map((event) => event.sequence));
    expect(events.filter((event) => event.type === 'DisputeEscalated')).toHaveLength(1);
  }, 30_000);

  it('continues as new when the history grows, keeping state, sequence and the memory of command ids', async () => {
    const order = await orders.register(anOrder());
    const { buyer, seller } = actors(order);
    const opened = await openDisputeWorkflow(suite.client, taskQueue, order, {
      policy: shortPolicy({ sellerResponseWindowMs: NEVER, negotiationWindowMs: NEVER, mediationSlaMs: NEVER }),
      tuning: { continueAsNewAfterHistoryEvents: 150 },
    });
    const handle = suite.client.workflow.getHandle(disputeWorkflowId(opened.disputeId));
    const firstRunId = (await handle.describe()).runId;
    const messages = 120;

    for (let index = 0; index < messages; index += 1) {
      const author = index % 2 === 0 ? buyer : seller;
      await send(suite.client, opened.disputeId, { type: 'PostMessage', actor: author, data: { messageId: `m-${index}`, body: `Message ${index}` } }, `message-${index}`);
    }
    const state = await eventually(() => stateOf(suite.client, opened.disputeId), (s) => s.messageCount === messages);

    expect(state.version).toBe(2 + messages);
    expect((await handle.describe()).runId).not.toBe(firstRunId);
    // A retry of a command from the first run is answered from the carried memory, not applied again
    // (Temporal's own update dedupe only covers the current run).
    const retried = await send(suite.client, opened.disputeId, { type: 'PostMessage', actor: buyer, data: { messageId: 'm-0', body: 'Message 0' } }, 'message-0');
    expect(retried.recordedSequences).toEqual([3]);
    expect(retried.state.messageCount).toBe(messages);
    const events = await eventsOf(suite.dataSource, opened.disputeId);
    expect(events).toHaveLength(2 + messages);
    expectGapFreeAndUnique(events.map((event) => event.sequence));
  }, 120_000);

  it('handles a dispute with 5,000 messages: every message stored once, in order, across several runs', async () => {
    const order = await orders.register(anOrder());
    const { buyer, seller } = actors(order);
    const opened = await openDisputeWorkflow(suite.client, taskQueue, order, { policy: shortPolicy({ sellerResponseWindowMs: NEVER, negotiationWindowMs: NEVER }) });
    const handle = suite.client.workflow.getHandle(disputeWorkflowId(opened.disputeId));
    const firstRunId = (await handle.describe()).runId;
    const messages = 5000;
    const concurrency = 8; // below the server's limit of in-flight updates per workflow
    let next = 0;
    const sender = async () => {
      while (next < messages) {
        const index = next++;
        const author = index % 2 === 0 ? buyer : seller;
        await send(suite.client, opened.disputeId, { type: 'PostMessage', actor: author, data: { messageId: `m-${index}`, body: `Message number ${index}` } }, `bulk-${index}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, sender));

    const state = await stateOf(suite.client, opened.disputeId);
    expect(state.messageCount).toBe(messages);
    expect(state.version).toBe(2 + messages);
    const [{ count, max, distinct }] = await suite.dataSource.query(
      `SELECT count(*)::int AS count, max(sequence) AS max, count(DISTINCT command_id)::int AS distinct FROM dispute_events WHERE dispute_id = $1`,
      [opened.disputeId],
    );
    expect({ count, max, distinct }).toEqual({ count: 2 + messages, max: 2 + messages, distinct: 1 + messages });
    expect((await handle.describe()).runId).not.toBe(firstRunId);
  }, 300_000);

  it('retries a declined refund with a new refund id and closes once the money moves', async () => {
    const order = await orders.register(anOrder());
    const { seller } = actors(order);
    const opened = await openDisputeWorkflow(suite.client, taskQueue, order, { policy: shortPolicy({ sellerResponseWindowMs: NEVER }), tuning: { refundRetryDelaysMs: [1500, 1500] } });
    // Another channel refunds the whole order in the meantime: the ledger must decline a second refund.
    await suite.dataSource.query('UPDATE orders SET amount_refunded_minor = amount_paid_minor WHERE order_id = $1', [order.orderId]);
    await send(suite.client, opened.disputeId, { type: 'RespondToDispute', actor: seller, data: { response: 'ACCEPT_REQUEST' } });

    await eventually(() => stateOf(suite.client, opened.disputeId), (s) => s.refund?.status === 'FAILED');
    await suite.dataSource.query('UPDATE orders SET amount_refunded_minor = 0 WHERE order_id = $1', [order.orderId]);

    const closed = await eventually(() => stateOf(suite.client, opened.disputeId), (s) => s.status === 'CLOSED');
    expect(closed.refund).toMatchObject({ status: 'SUCCEEDED', refundId: `${opened.disputeId}:refund:2`, attempts: 2 });
    const ledger = await suite.dataSource.query('SELECT refund_id, status FROM refunds WHERE dispute_id = $1 ORDER BY created_at', [opened.disputeId]);
    expect(ledger).toEqual([
      { refund_id: `${opened.disputeId}:refund:1`, status: 'DECLINED' },
      { refund_id: `${opened.disputeId}:refund:2`, status: 'SUCCEEDED' },
    ]);
  }, 30_000);
});
