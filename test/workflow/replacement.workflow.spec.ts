import { disputeWorkflowId, pendingDeadlinesQuery } from '../../libs/contracts/src';
import { OrderStore } from '../../libs/persistence/src';
import { NEVER, actors, eventually, openDisputeWorkflow, send, shortPolicy, stateOf } from '../support/commands';
import { eventsOf } from '../support/database';
import { anOrder } from '../support/fixtures';
import { withDisputeWorker } from '../support/temporal';

/** The replacement sub-flow's two timers (second edition), with windows of seconds, on a real Temporal server. */
describe('replacement deadlines on a real Temporal server', () => {
  const suite = withDisputeWorker('replacement');
  const typesOf = async (disputeId: string) => (await eventsOf(suite.dataSource, disputeId)).map((event) => event.type);

  /** A replacement the seller agreed to at once, under `policy`. */
  async function agreedReplacement(policy: ReturnType<typeof shortPolicy>) {
    const order = await new OrderStore(suite.dataSource).register(anOrder());
    const who = actors(order);
    const opened = await openDisputeWorkflow(suite.client, suite.taskQueue, order, { policy, requestedResolution: { kind: 'REPLACEMENT' } });
    await send(suite.client, opened.disputeId, { type: 'RespondToDispute', actor: who.seller, data: { response: 'ACCEPT_REQUEST' } });
    return { disputeId: opened.disputeId, who };
  }

  it('sends the case to a mediator when the seller does not ship the replacement in time', async () => {
    const { disputeId } = await agreedReplacement(shortPolicy({ negotiationWindowMs: NEVER, mediationSlaMs: NEVER, replacementShipmentWindowMs: 1500 }));
    const agreed = await stateOf(suite.client, disputeId);
    expect(agreed.status).toBe('AWAITING_REPLACEMENT');
    const handle = suite.client.workflow.getHandle(disputeWorkflowId(disputeId));
    expect(await handle.query(pendingDeadlinesQuery)).toEqual([expect.objectContaining({ kind: 'REPLACEMENT_SHIPMENT', dueAt: agreed.replacement?.shipmentDueAt })]);

    const escalated = await eventually(() => stateOf(suite.client, disputeId), (s) => s.status === 'UNDER_MEDIATION');

    expect(escalated.mediation?.reason).toBe('REPLACEMENT_NOT_SHIPPED');
    expect(escalated.replacement?.status).toBe('NOT_SHIPPED');
    const deadlineEvents = (await eventsOf(suite.dataSource, disputeId)).filter((event) => event.command_id?.startsWith('deadline:'));
    expect(deadlineEvents.map((event) => event.type)).toEqual(['ReplacementNotShipped', 'DisputeEscalated']);
  });

  it('closes with the replacement when the buyer stays silent past the confirmation window', async () => {
    const { disputeId, who } = await agreedReplacement(shortPolicy({ negotiationWindowMs: NEVER, replacementShipmentWindowMs: NEVER, replacementConfirmationWindowMs: 1500 }));
    const shipped = await send(suite.client, disputeId, { type: 'MarkReplacementShipped', actor: who.seller, data: { carrierCode: 'DHL', trackingNumber: 'jd0146-0000-3828' } });
    expect(shipped.state).toMatchObject({ status: 'REPLACEMENT_IN_TRANSIT', replacement: { carrierCode: 'DHL', trackingNumber: 'JD014600003828' } });

    const closed = await eventually(() => stateOf(suite.client, disputeId), (s) => s.status === 'CLOSED');

    expect(closed).toMatchObject({ outcome: { kind: 'REPLACEMENT', refund: null }, resolvedVia: 'AGREEMENT', refundedMinor: 0, replacement: { status: 'RECEIVED' } });
    expect((await typesOf(disputeId)).slice(-3)).toEqual(['ReplacementReceived', 'DisputeResolved', 'DisputeClosed']);
    const [received] = await suite.dataSource.query(`SELECT payload FROM dispute_events WHERE dispute_id = $1 AND type = 'ReplacementReceived'`, [disputeId]);
    expect(received.payload).toMatchObject({ deemed: true, by: { role: 'SYSTEM', id: 'clock' } });
    expect(await suite.dataSource.query('SELECT 1 FROM refunds WHERE dispute_id = $1', [disputeId])).toHaveLength(0);
  });
});
