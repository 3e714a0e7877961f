// A deploy that would break running disputes: the same workflow, but it now starts a timer
// before anything else, a command the recorded histories do not have.
import { sleep } from '@temporalio/workflow';
import { disputeWorkflow as currentDisputeWorkflow } from '../../../../workflows';

export async function disputeWorkflow(...args: Parameters<typeof currentDisputeWorkflow>): ReturnType<typeof currentDisputeWorkflow> {
  await sleep('1 second');
  return currentDisputeWorkflow(...args);
}
