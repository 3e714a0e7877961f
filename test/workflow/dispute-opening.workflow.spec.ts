import { randomUUID } from 'node:crypto';
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { disputeStateQuery, disputeWorkflowId } from '../../libs/contracts/src';
import { openDisputeWorkflow } from '../support/commands';
import { eventsOf } from '../support/database';
import { anOrder } from '../support/fixtures';
import { withDisputeWorker } from '../support/temporal';

describe('the dispute workflow, opening a dispute on a real Temporal server', () => {
  const suite = withDisputeWorker('opening');
  const { taskQueue } = suite;


  it('records DisputeOpened and offer #1 before answering, and reports the folded state', async () => {
    const order = anOrder();
    const result = await openDisputeWorkflow(suite.client, taskQueue, order);

    expect(result.state.status).toBe('OPEN');
    expect(result.recordedSequences).toEqual([1, 2]);
    const events = await eventsOf(suite.dataSource, result.disputeId);
    expect(events.map((event) => event.type)).toEqual(['DisputeOpened', 'OfferMade']);

    const queried = await suite.client.workflow.getHandle(disputeWorkflowId(result.disputeId)).query(disputeStateQuery);
    expect(queried).toEqual(result.state);
  });

  it('keeps the search attributes operators use to find the case', async () => {
    const order = anOrder();
    const result = await openDisputeWorkflow(suite.client, taskQueue, order);
    const description = await suite.client.workflow.getHandle(disputeWorkflowId(result.disputeId)).describe();
    const attributes = description.searchAttributes as Record<string, unknown[]>;

    expect(attributes.DisputeStatus).toEqual(['OPEN']);
    expect(attributes.DisputeOrderId).toEqual([order.orderId]);
    expect(attributes.DisputeBuyerId).toEqual([order.buyerId]);
    expect(attributes.DisputeSellerId).toEqual([order.sellerId]);
    expect(attributes.DisputeNextDeadline).toHaveLength(1);
  });

  it('answers a repeated update id with the first result and records nothing new', async () => {
    const order = anOrder();
    const disputeId = randomUUID();
    const first = await openDisputeWorkflow(suite.client, taskQueue, order, { disputeId, commandId: 'retry-me' });
    const retry = await openDisputeWorkflow(suite.client, taskQueue, order, { disputeId, commandId: 'retry-me' });

    expect(retry).toEqual(first);
    expect(await eventsOf(suite.dataSource, disputeId)).toHaveLength(2);
  });

  it('refuses a second opening of the same dispute with CONFLICT and records nothing', async () => {
    const order = anOrder();
    const disputeId = randomUUID();
    await openDisputeWorkflow(suite.client, taskQueue, order, { disputeId });

    const refusal = await openDisputeWorkflow(suite.client, taskQueue, order, { disputeId }).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (refusal as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause.type).toBe('CONFLICT');
    expect(await eventsOf(suite.dataSource, disputeId)).toHaveLength(2);
  });

  it('refuses an invalid opening in the validator: typed failure, nothing recorded', async () => {
    const order = anOrder();
    const disputeId = randomUUID();

    const refusal = await openDisputeWorkflow(suite.client, taskQueue, order, { disputeId, description: '   ' }).catch((error: unknown) => error);

    const cause = (refusal as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('VALIDATION');
    expect(cause.details).toEqual([{ field: 'description' }]);
    expect(await eventsOf(suite.dataSource, disputeId)).toHaveLength(0);
    const history = await suite.client.workflow.getHandle(disputeWorkflowId(disputeId)).fetchHistory();
    const updateAccepted = history.events?.some((event) => event.workflowExecutionUpdateAcceptedEventAttributes);
    expect(updateAccepted).toBe(false);
    // The workflow Update-with-start created anyway waits out its one-minute grace, then ends.
    const timers = history.events?.flatMap((event) => (event.timerStartedEventAttributes ? [event.timerStartedEventAttributes.startToFireTimeout?.seconds?.toString()] : []));
    expect(timers).toEqual(['60']);
  });

  it('arms no grace timer for an accepted opening: its first timer is the seller-response window', async () => {
    const result = await openDisputeWorkflow(suite.client, taskQueue, anOrder());
    const history = await suite.client.workflow.getHandle(disputeWorkflowId(result.disputeId)).fetchHistory();
    const started = history.events!.filter((event) => event.timerStartedEventAttributes);
    expect(started).toHaveLength(1);
    const seconds = Number(started[0].timerStartedEventAttributes!.startToFireTimeout!.seconds!.toString());
    const due = Date.parse(result.state.sellerResponseDueAt!);
    // The timer runs to the window's end (give or take the seconds the opening took).
    expect(Math.abs(Date.now() + seconds * 1000 - due)).toBeLessThan(60_000);
  });
});
