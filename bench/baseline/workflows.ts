// The leanest Temporal path the dispute workflow is compared with: one Update whose handler runs
// one regular activity (an INSERT of one row) and returns. Same shape as a dispute command (a
// validated Update whose events are stored by a regular activity) minus everything that is ours:
// GraphQL, auth, the API's reads, decide, the hash chain, the projection, search attributes,
// notifications. This file is the baseline worker's whole workflow bundle.
import { defineUpdate, proxyActivities, proxyLocalActivities, setHandler, sleep } from '@temporalio/workflow';
import type { BaselineActivities } from './activities';

export const recordUpdate = defineUpdate<number, [string]>('record');

/**
 * The same Update with its row inserted by a local activity, in the workflow task that received
 * it: the leanest shape of the path a dispute's command now takes (docs/decisions.md, "A person's
 * command is stored in the task that received it"). Reported beside the baseline, not instead of
 * it, so the ratios keep their meaning from round to round.
 */
export const recordInTaskUpdate = defineUpdate<number, [string]>('recordInTask');

// Regular: the raw-Temporal path of issue 18's ratios, the same in every round.
const { insertRow } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '10 seconds' });
const inTask = proxyLocalActivities<BaselineActivities>({ startToCloseTimeout: '10 seconds' });

export async function baselineWorkflow(): Promise<void> {
  setHandler(recordUpdate, (payload) => insertRow(payload));
  setHandler(recordInTaskUpdate, (payload) => inTask.insertRow(payload));
  // Stays open for the command baseline's Updates, then ends, so a reused server is not left with them.
  await sleep('15 minutes');
}

/**
 * The baseline of a deadline: sleep until a due time, then run the same one-row activity, and end.
 * What a dispute does when its seller-response window ends (timer, decide, append), minus ours.
 */
export async function baselineTimerWorkflow(dueAtMs: number): Promise<void> {
  await sleep(Math.max(1, dueAtMs - Date.now()));
  await insertRow(`timer:${dueAtMs}`);
}

/**
 * The baseline of an opened dispute waiting on its deadline: opened by an Update (update-with-start,
 * one row) as `baselineWorkflow` is, then asleep until a due time, then the same one-row activity.
 * Its history when the timer fires holds what any opened case must (the Update, its activity, the
 * timer), so a replay of it after an eviction is the engine's own part of ours.
 */
export async function baselineOpenedTimerWorkflow(dueAtMs: number): Promise<void> {
  setHandler(recordUpdate, (payload) => insertRow(payload));
  await sleep(Math.max(1, dueAtMs - Date.now()));
  await insertRow(`timer:${dueAtMs}`);
}
