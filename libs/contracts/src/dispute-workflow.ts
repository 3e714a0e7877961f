import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DisputeCommand, DisputeState, OrderFacts, Policy } from '../../domain/src';

/** One Temporal workflow per dispute; the id is derived so the API and operators can address it. */
export const disputeWorkflowId = (disputeId: string): string => `dispute-${disputeId}`;
export const DISPUTE_WORKFLOW_TYPE = 'disputeWorkflow';

export interface DisputeWorkflowInput {
  disputeId: string;
  /** The order as the feed described it when the dispute was opened; pinned for the whole case. */
  order: OrderFacts;
  /** The policy in force at opening; pinned into DisputeOpened so later changes never rewrite a running case. */
  policy: Policy;
}

/** A command as it travels to the workflow: the domain command plus the id that makes retries harmless. */
export interface CommandEnvelope {
  command: DisputeCommand;
  /** The caller's idempotency key, or a fresh id; recorded on every event the command produces. */
  commandId: string;
}

export interface CommandResult {
  disputeId: string;
  /** Sequence numbers of the events this command recorded (stored before the result is returned). */
  recordedSequences: number[];
  state: DisputeState;
}

/**
 * Commands arrive as Updates, not Signals: the synchronous validator runs the domain's
 * decide, so a caller learns of a rejection at once and a rejected command never enters
 * the workflow history. The handler returns only after the events are stored.
 */
export const executeCommandUpdate = defineUpdate<CommandResult, [CommandEnvelope]>('executeCommand');

export const disputeStateQuery = defineQuery<DisputeState>('state');
