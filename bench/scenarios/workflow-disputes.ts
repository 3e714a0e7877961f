// Disputes opened straight through the workflow client, with the API's own opening code (its
// decision, then update-with-start with the search attributes), for the scenarios that need a
// policy the API would not pin: the API takes its policy only in-process, and the bench runs the
// production API binary unchanged.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { CommandEnvelope } from '../../libs/contracts/src';
import type { OrderFacts, Policy } from '../../libs/domain/src';
import { checkOpening, startWithOpening, type NewDispute } from '../../apps/api/src/disputes/dispute-opening';

const DAY = 24 * 60 * 60 * 1000;

/** Opens one NOT_RECEIVED dispute on a fresh order under `policy`; returns its id. */
export async function openThroughWorkflow(client: Client, taskQueue: string, policy: Policy): Promise<string> {
  const disputeId = randomUUID();
  const suffix = disputeId.slice(0, 8);
  const now = Date.now();
  const order: OrderFacts = {
    orderId: `wf-order-${suffix}`,
    buyerId: `wf-buyer-${suffix}`,
    sellerId: `wf-seller-${suffix}`,
    amountPaid: { amountMinor: 4999, currency: 'EUR' },
    amountRefundedMinor: 0,
    shippedAt: new Date(now - 3 * DAY).toISOString(),
    deliveryDeadlineAt: new Date(now + 5 * DAY).toISOString(),
    deliveredAt: null,
    disputesOpened: 0,
    activeDisputeId: null,
  };
  const envelope: CommandEnvelope = {
    commandId: randomUUID(),
    command: {
      type: 'OpenDispute',
      actor: { role: 'BUYER', id: order.buyerId },
      data: { disputeId, orderId: order.orderId, reason: 'NOT_RECEIVED', description: 'The parcel has not moved for a week.', evidence: [], requestedResolution: { kind: 'FULL_REFUND' } },
    },
  };
  // Decided and started as the API does it, search attributes at the start included.
  const to: NewDispute = { kind: 'new', disputeId, orderId: order.orderId, order, policyLine: policy.line ?? 'default' };
  await startWithOpening(client, taskQueue, checkOpening(to, envelope, policy, false), envelope);
  return disputeId;
}

/** The worker's resident set size in MB, from its /metrics (prom-client's process metrics). */
export async function workerRssMb(workerUrl: string): Promise<number> {
  const text = await (await fetch(`${workerUrl}/metrics`)).text();
  // prom-client labels every sample with the service name: process_resident_memory_bytes{service="worker"} 123
  const match = /^process_resident_memory_bytes(?:\{[^}]*\})? (\S+)$/m.exec(text);
  if (!match) throw new Error('worker /metrics has no process_resident_memory_bytes');
  return Number(match[1]) / 1024 / 1024;
}
