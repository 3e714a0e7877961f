import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { decide, DEFAULT_POLICY_LINE, evolve, initialState, type DisputeState, type OrderFacts, type Policy } from '../../../../libs/domain/src';
import { disputeWorkflowId, executeCommandUpdate, openingSearchAttributes, type CommandEnvelope, type CommandResult, type DisputeWorkflowInput } from '../../../../libs/contracts/src';
import { retryDuringRollover } from '../../../../libs/contracts/src/command-client';
import { orderFacts, type OrderStore } from '../../../../libs/persistence/src';
import { ApiError, rejectionError } from '../graphql/errors';
import type { disputeWorkflow } from '../../../../workflows';
import { disputeIdFor } from './dispute-id';

// The one command with no dispute to go to yet: the opening finds its dispute through the order,
// is decided here before any workflow starts, and starts the workflow with its Update.

/** Where an opening goes: the order's next dispute, or the active one a retry of the opening reaches. */
export interface NewDispute {
  kind: 'new';
  disputeId: string;
  orderId: string;
  /** The order as the feed described it, with its dispute history (its active dispute, if any, is `disputeId`); null when there is no such order. */
  order: OrderFacts | null;
  /** The order's policy line, whose current version the dispute pins (`default` when there is no such order). */
  policyLine: string;
}

/**
 * The n-th dispute of an order always gets the same id (dispute-id.ts), so two openings that race
 * reach the same workflow; while a dispute is active, an opening goes to it.
 */
export async function newDisputeOn(orders: OrderStore, orderId: string): Promise<NewDispute> {
  const found = await orders.findWithDisputeHistory(orderId);
  const history = found?.history ?? { disputesOpened: 0, activeDisputeId: null };
  return {
    kind: 'new',
    disputeId: history.activeDisputeId ?? disputeIdFor(orderId, history.disputesOpened + 1),
    orderId,
    order: found ? orderFacts(found.order, history) : null,
    policyLine: found?.order.policyLine ?? DEFAULT_POLICY_LINE,
  };
}

/** What an accepted opening starts: the workflow's input, and the search attributes it starts with. */
export interface OpeningStart {
  workflow: DisputeWorkflowInput;
  /** Those of the state the opening leads to (`openingSearchAttributes`); none when the opening reaches a running dispute. */
  searchAttributes: SearchAttributePair[];
}

/**
 * The same rules the workflow applies, checked first because update-with-start starts the
 * workflow even when the Update is refused. A retry of an accepted opening (an idempotency key,
 * and the order has an active dispute) skips this and gets the first answer from the workflow.
 * Returns what the opening starts.
 */
export function checkOpening(to: NewDispute, envelope: CommandEnvelope, policy: Policy, keyGiven: boolean): OpeningStart {
  const hasActiveDispute = (to.order?.activeDisputeId ?? null) !== null;
  let opened: DisputeState | null = null;
  if (!(hasActiveDispute && keyGiven)) {
    const decision = decide(envelope.command, initialState, { now: new Date().toISOString(), order: to.order, policy, evidenceFiles: envelope.evidenceFiles });
    if (!decision.ok) throw rejectionError(decision.rejection);
    opened = decision.events.reduce(evolve, initialState);
  }
  if (!to.order) throw new ApiError('NOT_FOUND', `No order ${to.orderId} exists that you can see.`, 'orderId');
  return { workflow: { disputeId: to.disputeId, order: to.order, policy }, searchAttributes: opened ? openingSearchAttributes(to.order, opened) : [] };
}

/**
 * Sends the opening as an Update that starts the dispute's workflow, or reaches it if it runs
 * already. A new workflow starts with the opening's search attributes, so operators find the
 * dispute from its first moment and its first batch upserts none of them.
 */
export function startWithOpening(client: Client, taskQueue: string, start: OpeningStart, envelope: CommandEnvelope): Promise<CommandResult> {
  // A start operation can be used once, so each attempt (a retry during a run rollover) builds its own.
  return retryDuringRollover(() =>
    client.workflow.executeUpdateWithStart(executeCommandUpdate, {
      args: [envelope],
      updateId: envelope.commandId,
      startWorkflowOperation: new WithStartWorkflowOperation<typeof disputeWorkflow>('disputeWorkflow', {
        workflowId: disputeWorkflowId(start.workflow.disputeId),
        taskQueue,
        args: [start.workflow],
        workflowIdConflictPolicy: 'USE_EXISTING',
        ...(start.searchAttributes.length > 0 ? { typedSearchAttributes: start.searchAttributes } : {}),
      }),
    }),
  );
}
