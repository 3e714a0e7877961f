// A deliberately incompatible change (an unpatched timer before the real body), used to show
// that the replay guard catches a change that would break running disputes.
import { sleep } from '@temporalio/workflow';
import { disputeWorkflow as shipped } from '../../../workflows/dispute/dispute.workflow';

export async function disputeWorkflow(...args: Parameters<typeof shipped>): ReturnType<typeof shipped> {
  await sleep('1 second');
  return shipped(...args);
}
