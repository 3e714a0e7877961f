// What one command costs in Temporal, ours against the baseline: the workflow history of a
// dispute after opening plus N messages, against the minimal workflow after the same number of
// Updates. Explains the latency ratios (more history events and activity tasks per command
// means more server and worker work per command, which shows once the CPU is saturated).
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { disputeWorkflowId } from '../../libs/contracts/src';
import type { Baseline } from '../baseline/worker';
import { DisputeDriver, type OrderPool } from '../load/disputes';
import type { GraphQLClient } from '../load/graphql';

export interface Anatomy {
  commands: number;
  ours: HistoryCounts;
  baseline: HistoryCounts;
}

interface HistoryCounts {
  events: number;
  workflowTasks: number;
  activities: number;
  /** The whole history as the server sends it (protobuf-encoded): deterministic, unlike CPU. */
  historyBytes: number;
  /** The payloads' data alone (inputs, results, Update arguments and answers, markers): what the SDKs encode and decode. */
  payloadBytes: number;
}

/** Sums the data of every Payload in a decoded history message, wherever it sits. */
function payloadBytesIn(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  if (value instanceof Uint8Array) return 0;
  const record = value as Record<string, unknown>;
  // A Payload is the only message with `metadata` beside binary `data`.
  if (record.data instanceof Uint8Array && 'metadata' in record) return record.data.length;
  let sum = 0;
  for (const key of Object.keys(record)) sum += payloadBytesIn(record[key]);
  return sum;
}

async function counts(client: Client, workflowId: string): Promise<HistoryCounts> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  return {
    events: events.length,
    workflowTasks: events.filter((e) => e.workflowTaskCompletedEventAttributes).length,
    activities: events.filter((e) => e.activityTaskScheduledEventAttributes).length,
    historyBytes: temporal.api.history.v1.History.encode(history).finish().length,
    payloadBytes: payloadBytesIn(events),
  };
}

export async function anatomy(commands: number, client: Client, api: GraphQLClient, orders: OrderPool, baseline: Baseline): Promise<Anatomy> {
  const dispute = new DisputeDriver(api, orders.take(), ['m-a', 'm-b']);
  await dispute.open();
  for (let i = 1; i < commands; i++) await dispute.message();
  const baselineId = await baseline.open();
  for (let i = 1; i < commands; i++) await baseline.command(baselineId);
  // Work the workflow starts after answering (old-path notification activities, refunds) would land late; let it finish so the count is complete.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return { commands, ours: await counts(client, disputeWorkflowId(dispute.id)), baseline: await counts(client, baselineId) };
}
