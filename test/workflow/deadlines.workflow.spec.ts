import { disputeWorkflowId, pendingDeadlinesQuery } from '../../libs/contracts/src';
import { OrderStore } from '../../libs/persistence/src';
import { NEVER, actors, eventually, openDisputeWorkflow, send, shortPolicy, stateOf } from '../support/commands';
import { eventsOf } from '../support/database';
import { catalogUpload } from '../support/evidence';
import { anOrder } from '../support/fixtures';
import { withDisputeWorker } from '../support/temporal';
import { timersOf, timersOnceIdle, type RecordedTimer } from '../support/workflow-history';

/** Every timer of the rulebook, with windows of seconds, on a real Temporal server. */
describe('dispute deadlines on a real Temporal server', () => {
  const suite = withDisputeWorker('deadlines');
  const { taskQueue } = suite;
  let orders: OrderStore;

  beforeAll(async () => {
    orders = new OrderStore(suite.dataSource);
  });

  const typesOf = async (disputeId: string) => (await eventsOf(suite.dataSource, disputeId)).map((event) => event.type);
  const statusOf = (disputeId: string) => async () => (await stateOf(suite.client, disputeId)).status;
  const handleOf = (disputeId: string) => suite.client.workflow.getHandle(disputeWorkflowId(disputeId));

  async function escalatedBySellerSilence(policy = shortPolicy({ sellerResponseWindowMs: 500 })) {
    const order = await orders.register(anOrder());
    const opened = await openDisputeWorkflow(suite.client, taskQueue, order, { policy });
    await eventually(statusOf(opened.disputeId), (status) => status === 'UNDER_MEDIATION');
    return { order, disputeId: opened.disputeId, who: actors(order) };
  }

  it('escalates to mediation when the seller stays silent past the response window', async () => {
    const order = await orders.register(anOrder());
    const opened = await openDisputeWorkflow(suite.client, taskQueue, order, { policy: shortPolicy({ mediationSlaMs: NEVER }) });
    expect(opened.state.status).toBe('OPEN');

    const state = await eventually(() => stateOf(suite.client, opened.disputeId), (s) => s.status === 'UNDER_MEDIATION');

    expect(state.mediation?.reason).toBe('SELLER_NO_RESPONSE');
    expect(await typesOf(opened.disputeId)).toEqual(['DisputeOpened', 'OfferMade', 'DisputeEscalated']);
    const [row] = await suite.dataSource.query('SELECT status, next_deadline_at FROM disputes WHERE dispute_id = $1', [opened.disputeId]);
    expect(row.status).toBe('UNDER_MEDIATION');
  });

  it('cancels the seller response timer once the seller answers', async () => {
    // The history shows the timer cancelled, so the window can be long: nothing waits for it to pass.
    const window = 30_000;
    const order = await orders.register(anOrder());
    const { seller } = actors(order);
    const opened = await openDisputeWorkflow(suite.client, taskQueue, order, { policy: shortPolicy({ sellerResponseWindowMs: window, negotiationWindowMs: NEVER }) });
    // The seller response timer is set for the rest of the window (the opening took a moment of it).
    const responseTimers = (timers: RecordedTimer[]) => timers.filter((timer) => timer.delayMs <= window && timer.delayMs > window - 10_000);
    await eventually(() => timersOf(suite.client, opened.disputeId), (timers) => responseTimers(timers).some((timer) => timer.outcome === 'PENDING'));

    await send(suite.client, opened.disputeId, { type: 'RespondToDispute', actor: seller, data: { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1000, currency: 'EUR' } } } });

    const timers = await timersOnceIdle(suite.client, opened.disputeId);
    // Cancelled, so it can neither fire nor fire late; no timer of this dispute fired at all.
    expect(responseTimers(timers)).not.toHaveLength(0);
    expect(responseTimers(timers).map((timer) => timer.outcome)).toEqual(responseTimers(timers).map(() => 'CANCELED'));
    expect(timers.filter((timer) => timer.outcome === 'FIRED')).toEqual([]);
    // What still waits is the negotiation's deadline, and the one timer the workflow set for it.
    const state = await stateOf(suite.client, opened.disputeId);
    expect(state.status).toBe('NEGOTIATING');
    expect(await handleOf(opened.disputeId).query(pendingDeadlinesQuery)).toEqual([expect.objectContaining({ kind: 'NEGOTIATION', dueAt: state.negotiationDueAt })]);
    const waiting = timers.filter((timer) => timer.outcome === 'PENDING');
    expect(waiting).toHaveLength(1);
    expect(waiting[0].delayMs).toBeGreaterThan(NEVER - 60_000);
    expect(await typesOf(opened.disputeId)).not.toContain('DisputeEscalated');
  });

  it('escalates when the negotiation window ends without agreement', async () => {
    const order = await orders.register(anOrder());
    const { seller } = actors(order);
    const opened = await openDisputeWorkflow(suite.client, taskQueue, order, { policy: shortPolicy({ mediationSlaMs: NEVER }) });
    await send(suite.client, opened.disputeId, { type: 'RespondToDispute', actor: seller, data: { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1000, currency: 'EUR' } } } });

    const state = await eventually(() => stateOf(suite.client, opened.disputeId), (s) => s.status === 'UNDER_MEDIATION');

    expect(state.mediation?.reason).toBe('NEGOTIATION_TIMEOUT');
  });

  it('records an SLA breach when mediation overruns, and never rules on its own', async () => {
    const { disputeId } = await escalatedBySellerSilence(shortPolicy({ sellerResponseWindowMs: 500, mediationSlaMs: 1000 }));

    await eventually(() => typesOf(disputeId), (types) => types.includes('MediationSlaBreached'));
    const timers = await timersOnceIdle(suite.client, disputeId);

    const state = await stateOf(suite.client, disputeId);
    expect(state.status).toBe('UNDER_MEDIATION');
    expect(state.decision).toBeNull();
    expect((await typesOf(disputeId)).filter((type) => type === 'MediationSlaBreached')).toHaveLength(1);
    // Each timer that fired recorded its deadline (the seller's silence, the SLA): none fired to be refused.
    const deadlineEvents = (await eventsOf(suite.dataSource, disputeId)).filter((event) => event.command_id?.startsWith('deadline:'));
    expect(deadlineEvents.map((event) => event.type)).toEqual(['DisputeEscalated', 'MediationSlaBreached']);
    expect(timers.filter((timer) => timer.outcome === 'FIRED')).toHaveLength(deadlineEvents.length);
    // Nothing is left to fire: no deadline pending, no timer waiting. Only a mediator can move it on.
    expect(await handleOf(disputeId).query(pendingDeadlinesQuery)).toEqual([]);
    expect(timers.filter((timer) => timer.outcome === 'PENDING')).toEqual([]);
  });

  it('tells the mediator when a party lets an information request lapse', async () => {
    const { disputeId, who } = await escalatedBySellerSilence(shortPolicy({ sellerResponseWindowMs: 500, mediationSlaMs: NEVER, informationRequestDefaultMs: 1500 }));
    await send(suite.client, disputeId, { type: 'ClaimCase', actor: who.mediator, data: {} });
    await send(suite.client, disputeId, { type: 'RequestInformation', actor: who.mediator, data: { requestId: 'q-1', from: 'SELLER', question: 'Please upload the tracking history.' } });

    const state = await eventually(() => stateOf(suite.client, disputeId), (s) => s.informationRequests.some((request) => request.status === 'EXPIRED'));

    expect(state.status).toBe('UNDER_MEDIATION');
    expect(await typesOf(disputeId)).toContain('InformationRequestExpired');
  });

  it('makes the decision final when the appeal window lapses, executes the refund and closes', async () => {
    const { order, disputeId, who } = await escalatedBySellerSilence(shortPolicy({ sellerResponseWindowMs: 500, mediationSlaMs: NEVER }));
    await send(suite.client, disputeId, { type: 'ClaimCase', actor: who.mediator, data: {} });
    await send(suite.client, disputeId, {
      type: 'IssueDecision',
      actor: who.mediator,
      data: { outcome: 'FULL_REFUND', rationale: 'The seller never answered and tracking shows no delivery.', citedEvidenceIds: [], citedPolicyClauses: ['NR-1'] },
    });
    expect((await stateOf(suite.client, disputeId)).status).toBe('DECIDED');

    const closed = await eventually(() => stateOf(suite.client, disputeId), (s) => s.status === 'CLOSED');

    expect(closed.refundedMinor).toBe(order.amountPaidMinor);
    expect((await typesOf(disputeId)).slice(-4)).toEqual(['DisputeResolved', 'RefundRequested', 'RefundSucceeded', 'DisputeClosed']);
    const refunds = await suite.dataSource.query('SELECT status, amount_minor::int AS amount FROM refunds WHERE dispute_id = $1', [disputeId]);
    expect(refunds).toEqual([{ status: 'SUCCEEDED', amount: order.amountPaidMinor }]);
    expect((await orders.find(order.orderId))?.amountRefundedMinor).toBe(order.amountPaidMinor);
    await eventually(async () => (await suite.client.workflow.getHandle(`dispute-${disputeId}`).describe()).status.name, (status) => status === 'COMPLETED');
  });

  it('closes in the seller’s favour when an agreed return is not shipped in time', async () => {
    const order = await orders.register(anOrder());
    const { seller } = actors(order);
    const photo = await catalogUpload(suite.dataSource, { role: 'BUYER', id: order.buyerId }, 'different colour');
    const opened = await openDisputeWorkflow(suite.client, taskQueue, order, { policy: shortPolicy(), requestedResolution: { kind: 'RETURN_AND_REFUND' }, photo });
    await send(suite.client, opened.disputeId, { type: 'RespondToDispute', actor: seller, data: { response: 'ACCEPT_REQUEST' } });
    expect((await stateOf(suite.client, opened.disputeId)).status).toBe('AWAITING_RETURN');

    const closed = await eventually(() => stateOf(suite.client, opened.disputeId), (s) => s.status === 'CLOSED');

    expect(closed.refundedMinor).toBe(0);
    expect(await typesOf(opened.disputeId)).toContain('ReturnAbandoned');
    expect(await suite.dataSource.query('SELECT 1 FROM refunds WHERE dispute_id = $1', [opened.disputeId])).toHaveLength(0);
  });

  it('refunds automatically when the seller does not confirm receipt of the returned item in time', async () => {
    const order = await orders.register(anOrder());
    const { buyer, seller } = actors(order);
    const photo = await catalogUpload(suite.dataSource, { role: 'BUYER', id: order.buyerId }, 'different colour');
    const opened = await openDisputeWorkflow(suite.client, taskQueue, order, { policy: shortPolicy({ returnShipmentWindowMs: NEVER }), requestedResolution: { kind: 'RETURN_AND_REFUND' }, photo });
    await send(suite.client, opened.disputeId, { type: 'RespondToDispute', actor: seller, data: { response: 'ACCEPT_REQUEST' } });
    await send(suite.client, opened.disputeId, { type: 'MarkReturnShipped', actor: buyer, data: { carrier: 'DHL', trackingNumber: 'JD014600003828' } });
    expect((await stateOf(suite.client, opened.disputeId)).status).toBe('RETURN_IN_TRANSIT');

    const closed = await eventually(() => stateOf(suite.client, opened.disputeId), (s) => s.status === 'CLOSED');

    expect(closed.refundedMinor).toBe(order.amountPaidMinor);
    const types = await typesOf(opened.disputeId);
    expect(types).toEqual(expect.arrayContaining(['ReturnShipped', 'DisputeResolved', 'RefundSucceeded', 'DisputeClosed']));
  });
});
