import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { disputeWorkflowId } from '../../libs/contracts/src';
import { openDisputeWorkflow, send } from '../support/commands';
import { anOrder } from '../support/fixtures';
import { withDisputeWorker } from '../support/temporal';

// The sandbox keeps fewer frames per stack (workflows/sandbox-stacks.ts); what the SDK shows of
// them must stay useful: it cuts every stack at the workflow function or the handler anyway.
describe('stacks captured in the workflow sandbox, with fewer frames', () => {
  const suite = withDisputeWorker('sandbox-stacks');

  it('still name where a refusal raised in the validator arose', async () => {
    const { disputeId } = await openDisputeWorkflow(suite.client, suite.taskQueue, anOrder());
    const refusal = await send(suite.client, disputeId, { type: 'PostMessage', actor: { role: 'SELLER', id: 'someone-else' }, data: { body: 'hello' } } as never).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (refusal as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause.stack).toMatch(/at validate \(.*dispute\.workflow\.ts:\d+/);
    expect(cause.stack).toMatch(/at \w+ \(.*dispute-case\.ts:\d+/);
  });

  it('still say what a waiting dispute waits on', async () => {
    const { disputeId } = await openDisputeWorkflow(suite.client, suite.taskQueue, anOrder());
    const trace = await suite.client.workflow.getHandle(disputeWorkflowId(disputeId)).query<string>('__stack_trace');
    expect(trace).toMatch(/at disputeWorkflow \(.*dispute\.workflow\.ts:\d+/);
    expect(trace).toMatch(/at set \(.*dispute\.workflow\.ts:\d+/);
  });
});
