import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { defaultPolicy, type OrderFacts, type Policy } from '../../libs/domain/src';
import { disputeWorkflowId, executeCommandUpdate, type CommandResult, type DisputeWorkflowInput } from '../../libs/contracts/src';
import type { OrderRecord } from '../../libs/persistence/src';
import type { disputeWorkflow } from '../../workflows';

export function factsOf(order: OrderRecord): OrderFacts {
  return {
    orderId: order.orderId,
    buyerId: order.buyerId,
    sellerId: order.sellerId,
    amountPaid: { amountMinor: order.amountPaidMinor, currency: order.currency },
    amountRefundedMinor: order.amountRefundedMinor,
    shippedAt: order.shippedAt,
    deliveryDeadlineAt: order.deliveryDeadlineAt,
    deliveredAt: order.deliveredAt,
    disputesOpened: 0,
    activeDisputeId: null,
  };
}

/** Opens a dispute the way the API does: update-with-start on the dispute's workflow. */
export function openDisputeWorkflow(
  client: Client,
  taskQueue: string,
  order: OrderRecord,
  options: { disputeId?: string; description?: string; commandId?: string; policy?: Policy } = {},
): Promise<CommandResult> {
  const disputeId = options.disputeId ?? randomUUID();
  const input: DisputeWorkflowInput = { disputeId, order: factsOf(order), policy: options.policy ?? defaultPolicy };
  const commandId = options.commandId ?? randomUUID();
  return client.workflow.executeUpdateWithStart(executeCommandUpdate, {
    args: [
      {
        commandId,
        command: {
          type: 'OpenDispute',
          actor: { role: 'BUYER', id: order.buyerId },
          data: {
            disputeId,
            orderId: order.orderId,
            reason: 'NOT_RECEIVED',
            description: options.description ?? 'The parcel has not moved for a week.',
            evidence: [],
            requestedResolution: { kind: 'FULL_REFUND' },
          },
        },
      },
    ],
    updateId: commandId,
    startWorkflowOperation: new WithStartWorkflowOperation<typeof disputeWorkflow>('disputeWorkflow', {
      workflowId: disputeWorkflowId(disputeId),
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
}
