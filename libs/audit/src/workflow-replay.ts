// Replays workflow histories fetched from Temporal against the workflow code of this build,
// so a deploy can be checked against live cases before it takes their next task. Kept out
// of the package index: it loads the Temporal worker (a native module).
import type { Client } from '@temporalio/client';
import type { HistoryAndWorkflowId } from '@temporalio/common';
import { Worker, type ReplayWorkerOptions, type WorkflowBundleOption } from '@temporalio/worker';
import { DISPUTE_WORKFLOW_TYPE, disputeWorkflowId } from '../../contracts/src';

export interface WorkflowReplayResult {
  workflowId: string;
  runId: string;
  ok: boolean;
  /** True when the current code makes different decisions than the recorded history (a DeterminismViolationError). */
  nondeterministic: boolean;
  error: string | null;
}

export interface WorkflowReplayReport {
  /** What was replayed: the visibility query used. */
  query: string;
  results: WorkflowReplayResult[];
  failures: number;
}

export interface ReplayWorkflowsOptions {
  client: Client;
  /** The workflow code to check: a path (bundled here) or a pre-built bundle (its code, or the path of the build's bundle file). */
  workflows: { workflowsPath: string } | { workflowBundle: WorkflowBundleOption };
  /** One dispute (all of its runs), or a visibility query; by default every dispute workflow. */
  target?: { disputeId: string } | { query: string };
  /** Histories downloaded at once. */
  concurrency?: number;
  /** Called with each result as it arrives (progress output). */
  onResult?: (result: WorkflowReplayResult) => void;
  replayWorkerOptions?: Omit<ReplayWorkerOptions, 'workflowsPath' | 'workflowBundle'>;
}

export const DEFAULT_REPLAY_QUERY = `WorkflowType = '${DISPUTE_WORKFLOW_TYPE}'`;

const quoted = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The visibility query a target stands for. */
export function replayQuery(target: ReplayWorkflowsOptions['target']): string {
  if (!target) return DEFAULT_REPLAY_QUERY;
  return 'disputeId' in target ? `WorkflowId = ${quoted(disputeWorkflowId(target.disputeId))}` : target.query;
}

async function* historiesOf(options: ReplayWorkflowsOptions, query: string): AsyncGenerator<HistoryAndWorkflowId> {
  let listed = 0;
  for await (const entry of options.client.workflow.list({ query }).intoHistories({ concurrency: options.concurrency ?? 5 })) {
    listed += 1;
    yield entry;
  }
  // Visibility is eventually consistent: a dispute started a moment ago may not be listed yet.
  if (listed === 0 && options.target && 'disputeId' in options.target) {
    const workflowId = disputeWorkflowId(options.target.disputeId);
    const history = await options.client.workflow
      .getHandle(workflowId)
      .fetchHistory()
      .catch(() => null);
    if (history) yield { workflowId, history };
  }
}

/**
 * Replays every matching workflow history with Worker.runReplayHistories against the given
 * workflow code and reports each one. Replaying executes no activities and changes nothing
 * on the server.
 */
export async function replayWorkflows(options: ReplayWorkflowsOptions): Promise<WorkflowReplayReport> {
  const query = replayQuery(options.target);
  const results: WorkflowReplayResult[] = [];
  const replayOptions: ReplayWorkerOptions = { ...options.replayWorkerOptions, ...options.workflows };
  for await (const replayed of Worker.runReplayHistories(replayOptions, historiesOf(options, query))) {
    const error = replayed.error;
    const result: WorkflowReplayResult = {
      workflowId: replayed.workflowId,
      runId: replayed.runId,
      ok: error === undefined,
      nondeterministic: error?.name === 'DeterminismViolationError',
      error: error ? `${error.name}: ${error.message}` : null,
    };
    results.push(result);
    options.onResult?.(result);
  }
  return { query, results, failures: results.filter((result) => !result.ok).length };
}
