import { randomUUID } from 'node:crypto';
import type { Actor } from '../../libs/domain/src';
import { disputeWorkflowId, pendingDeadlinesQuery } from '../../libs/contracts/src';
import { NotificationEndpointStore, OrderStore } from '../../libs/persistence/src';
import { NEVER, actors, eventually, openDisputeWorkflow, send, shortPolicy, stateOf } from '../support/commands';
import { eventsOf } from '../support/database';
import { anOrder } from '../support/fixtures';
import { withDisputeWorker } from '../support/temporal';
import { timersOnceIdle, type RecordedTimer } from '../support/workflow-history';

/**
 * Settling at any stage and the mediator's full job on a real Temporal server: the timers the
 * workflow keeps follow the state (a concession stops the SLA, an extension moves it), the
 * mediators concerned are told, and an operator's refund retry runs after the saga gave up.
 */
describe('settling and the mediator\u2019s job on a real Temporal server', () => {
  const suite = withDisputeWorker('settling');
  const { taskQueue } = suite;
  let orders: OrderStore;
  let endpoints: NotificationEndpointStore;

  beforeAll(() => {
    orders = new OrderStore(suite.dataSource);
    endpoints = new NotificationEndpointStore(suite.dataSource);
  });

  const handleOf = (disputeId: string) => suite.client.workflow.getHandle(disputeWorkflowId(disputeId));
  const typesOf = async (disputeId: string) => (await eventsOf(suite.dataSource, disputeId)).map((event) => event.type);
  const storedOf = async (disputeId: string, type: string): Promise<{ payload: Record<string, unknown>; actor_role: string; actor_id: string } | undefined> =>
    (await suite.dataSource.query('SELECT payload, actor_role, actor_id FROM dispute_events WHERE dispute_id = $1 AND type = $2 ORDER BY sequence', [disputeId, type]))[0];
  /** The event types each notification to `accountId` carried (rows exist for accounts with an endpoint). */
  const notifiedOf = async (disputeId: string, accountId: string): Promise<string[][]> =>
    (await suite.dataSource.query('SELECT payload FROM notification_outbox WHERE dispute_id = $1 AND account_id = $2 ORDER BY created_at', [disputeId, accountId])).map(
      (row: { payload: { eventTypes: string[] } }) => row.payload.eventTypes,
    );

  /** A dispute in mediation held by a mediator of its own (with a webhook endpoint, so its notifications are kept). */
  async function inMediation(mediationSlaMs: number, tuning?: { refundRetryDelaysMs: number[] }) {
    const order = await orders.register(anOrder());
    const who = actors(order);
    const mediator: Actor = { role: 'MEDIATOR', id: `mediator-${randomUUID().slice(0, 8)}` };
    await endpoints.register({ accountId: mediator.id, url: 'http://127.0.0.1:9/hooks', secret: 'mediator-webhook-secret-0123456789' });
    const opened = await openDisputeWorkflow(suite.client, taskQueue, order, { policy: shortPolicy({ sellerResponseWindowMs: NEVER, negotiationWindowMs: NEVER, mediationSlaMs }), tuning });
    await send(suite.client, opened.disputeId, { type: 'RespondToDispute', actor: who.seller, data: { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1000, currency: 'EUR' } } } });
    await send(suite.client, opened.disputeId, { type: 'EscalateDispute', actor: who.buyer, data: { note: 'Please step in.' } });
    await send(suite.client, opened.disputeId, { type: 'ClaimCase', actor: mediator, data: {} });
    return { order, disputeId: opened.disputeId, who, mediator };
  }

  it('a concession in mediation settles the case, tells the mediator, and the SLA timer stops', async () => {
    const sla = 60_000;
    const { disputeId, who, mediator } = await inMediation(sla);
    const slaTimers = (timers: RecordedTimer[]) => timers.filter((timer) => timer.delayMs <= sla && timer.delayMs > sla - 15_000);
    expect(await handleOf(disputeId).query(pendingDeadlinesQuery)).toEqual([expect.objectContaining({ kind: 'MEDIATION_SLA' })]);

    await send(suite.client, disputeId, { type: 'ConcedeDispute', actor: who.seller, data: { remedy: 'FULL_REFUND', message: 'You are right.' } });

    const closed = await eventually(() => stateOf(suite.client, disputeId), (s) => s.status === 'CLOSED');
    expect(closed).toMatchObject({ resolvedVia: 'CONCESSION', outcome: { kind: 'FULL_REFUND', refund: { amountMinor: closed.order?.amountPaid.amountMinor } } });
    expect(await handleOf(disputeId).query(pendingDeadlinesQuery)).toEqual([]);
    const timers = await timersOnceIdle(suite.client, disputeId);
    expect(slaTimers(timers)).not.toHaveLength(0);
    expect(slaTimers(timers).map((timer) => timer.outcome)).toEqual(slaTimers(timers).map(() => 'CANCELED'));
    expect(await typesOf(disputeId)).not.toContain('MediationSlaBreached');
    const told = await eventually(() => notifiedOf(disputeId, mediator.id), (batches) => batches.some((types) => types.includes('SellerConceded')));
    expect(told.find((types) => types.includes('SellerConceded'))).toEqual(['SellerConceded', 'DisputeResolved']);
  }, 60_000);

  it('an extended SLA fires at its new time, not the old one', async () => {
    const sla = 3_000;
    const { disputeId, mediator } = await inMediation(sla);
    const before = await stateOf(suite.client, disputeId);
    const oldDue = before.mediation!.slaDueAt;
    const newDue = new Date(Date.parse(oldDue) + 4_000).toISOString();

    await send(suite.client, disputeId, { type: 'ExtendDeadline', actor: mediator, data: { deadline: 'MEDIATION_SLA', dueAt: newDue, reason: 'Waiting for the courier.' } });
    expect(await handleOf(disputeId).query(pendingDeadlinesQuery)).toEqual([expect.objectContaining({ kind: 'MEDIATION_SLA', dueAt: newDue })]);

    const breached = await eventually(() => stateOf(suite.client, disputeId), (s) => s.mediation?.slaBreached === true, 30_000);
    const breach = await storedOf(disputeId, 'MediationSlaBreached');
    expect(breach?.payload).toMatchObject({ slaDueAt: newDue });
    expect(Date.parse(breach?.payload.at as string)).toBeGreaterThanOrEqual(Date.parse(newDue));
    expect(breached.deadlineExtensions).toEqual([expect.objectContaining({ deadline: 'MEDIATION_SLA', previousDueAt: oldDue, dueAt: newDue, mediatorId: mediator.id })]);
    // The timer set for the old due date was cancelled when the extension moved it.
    const timers = await timersOnceIdle(suite.client, disputeId);
    expect(timers.filter((timer) => timer.outcome === 'FIRED')).toHaveLength(1);
  }, 60_000);

  it('a released mediator is told, and so is the one a lead mediator hands the case to', async () => {
    const { disputeId, mediator } = await inMediation(NEVER);
    const next: Actor = { role: 'MEDIATOR', id: `mediator-${randomUUID().slice(0, 8)}` };
    await endpoints.register({ accountId: next.id, url: 'http://127.0.0.1:9/hooks', secret: 'mediator-webhook-secret-0123456789' });
    const lead: Actor = { role: 'MEDIATOR', id: 'mediator-lena', lead: true };

    await send(suite.client, disputeId, { type: 'ReleaseCase', actor: mediator, data: { reason: 'I know the seller.' } });
    await send(suite.client, disputeId, { type: 'ReassignCase', actor: lead, data: { mediatorId: next.id, reason: 'Next in line.' } });

    expect((await stateOf(suite.client, disputeId)).mediation?.mediatorId).toBe(next.id);
    expect(await eventually(() => notifiedOf(disputeId, mediator.id), (batches) => batches.some((types) => types.includes('MediatorReleased')))).toContainEqual(['MediatorReleased']);
    expect(await eventually(() => notifiedOf(disputeId, next.id), (batches) => batches.length > 0)).toEqual([['MediatorReassigned']]);
    // The lead flag is a right of the caller, never recorded.
    const reassigned = await storedOf(disputeId, 'MediatorReassigned');
    expect([reassigned?.actor_role, reassigned?.actor_id]).toEqual(['MEDIATOR', 'mediator-lena']);
    expect(reassigned?.payload).toMatchObject({ fromMediatorId: null, toMediatorId: next.id, by: { role: 'MEDIATOR', id: 'mediator-lena' } });
  }, 60_000);

  it('an operator\u2019s retry makes one new attempt after the automatic retries gave up', async () => {
    const order = await orders.register(anOrder());
    const { seller } = actors(order);
    const opened = await openDisputeWorkflow(suite.client, taskQueue, order, { policy: shortPolicy({ sellerResponseWindowMs: NEVER }), tuning: { refundRetryDelaysMs: [] } });
    // Another channel refunded the whole order: the payment port declines the dispute's refund.
    await suite.dataSource.query('UPDATE orders SET amount_refunded_minor = amount_paid_minor WHERE order_id = $1', [order.orderId]);
    await send(suite.client, opened.disputeId, { type: 'RespondToDispute', actor: seller, data: { response: 'ACCEPT_REQUEST' } });
    await eventually(() => stateOf(suite.client, opened.disputeId), (s) => s.refund?.status === 'FAILED');
    // Given up: no retry waits (no timer is pending), the dispute stays RESOLVED with the failed refund.
    expect((await timersOnceIdle(suite.client, opened.disputeId)).filter((timer) => timer.outcome === 'PENDING' && timer.delayMs < NEVER / 2)).toEqual([]);
    expect(await stateOf(suite.client, opened.disputeId)).toMatchObject({ status: 'RESOLVED', refund: { status: 'FAILED', attempts: 1 } });

    await suite.dataSource.query('UPDATE orders SET amount_refunded_minor = 0 WHERE order_id = $1', [order.orderId]);
    await send(suite.client, opened.disputeId, { type: 'RetryRefund', actor: { role: 'SYSTEM', id: 'ops-console' }, data: { reason: 'The other refund was reversed.' } });

    const closed = await eventually(() => stateOf(suite.client, opened.disputeId), (s) => s.status === 'CLOSED');
    expect(closed.refund).toMatchObject({ status: 'SUCCEEDED', refundId: `${opened.disputeId}:refund:2`, attempts: 2 });
    expect((await typesOf(opened.disputeId)).slice(-5)).toEqual(['RefundFailed', 'RefundRetryOrdered', 'RefundRequested', 'RefundSucceeded', 'DisputeClosed']);
  }, 60_000);
});
