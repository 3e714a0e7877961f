import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { TERMINAL_STATUSES, initialState, pendingDeadlines, type DisputeState } from '../../libs/domain/src';
import { disputeStateQuery, executeCommandUpdate, type DisputeWorkflowInput } from '../../libs/contracts/src';
import { DisputeCase } from './dispute-case';

/** How long a workflow waits for its opening command before concluding it was refused. */
const OPENING_GRACE = '1 minute';

export interface DisputeWorkflowCarry {
  /** State folded so far, carried across continue-as-new. */
  state: DisputeState;
}

/**
 * One dispute, from opening to closing. The body only waits: for the next deadline the
 * domain reports, for a command to change the state, or for Temporal to suggest a fresh
 * run. Every decision is the domain's `decide`, reached through DisputeCase.
 */
export async function disputeWorkflow(input: DisputeWorkflowInput, carry?: DisputeWorkflowCarry): Promise<DisputeState> {
  const dispute = new DisputeCase(input, carry?.state ?? initialState);
  setHandler(executeCommandUpdate, (envelope) => dispute.execute(envelope), {
    validator: (envelope) => dispute.validate(envelope),
  });
  setHandler(disputeStateQuery, () => dispute.state);

  // Update-with-start creates the workflow even when the opening command is refused; such a
  // workflow never records anything and ends here.
  if (!(await condition(() => dispute.opened, OPENING_GRACE))) return dispute.state;

  for (;;) {
    const deadline = pendingDeadlines(dispute.state)[0];
    if (!deadline && isFinished(dispute.state)) break;
    const version = dispute.state.version;
    const changed = await condition(
      () => dispute.state.version !== version || workflowInfo().continueAsNewSuggested,
      deadline ? Math.max(Date.parse(deadline.dueAt) - Date.now(), 1) : undefined,
    );
    if (!changed) await dispute.fireDeadline();
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof disputeWorkflow>(input, { state: dispute.state });
    }
  }
  await condition(allHandlersFinished);
  return dispute.state;
}

function isFinished(state: DisputeState): boolean {
  return state.status !== 'NONE' && TERMINAL_STATUSES.includes(state.status);
}
