import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, Deadline, UploadedFile, DisputeCommand, DisputeCommandType, DisputeState, OrderFacts, Policy, SentState, Turn } from '../../domain/src';

/** One Temporal workflow per dispute; the id is derived so the API and operators can address it. */
export const disputeWorkflowId = (disputeId: string): string => `dispute-${disputeId}`;
export const DISPUTE_WORKFLOW_TYPE = 'disputeWorkflow';

export interface DisputeWorkflowInput {
  disputeId: string;
  /** The order as the feed described it when the dispute was opened; pinned for the whole case. */
  order: OrderFacts;
  /** The policy in force at opening; pinned into DisputeOpened so later changes never rewrite a running case. */
  policy: Policy;
  /** Operational knobs (not rules); tests shrink them. */
  tuning?: WorkflowTuning;
}

export interface WorkflowTuning {
  /** Continue-as-new once the run's history reaches this many events (or when Temporal suggests it). */
  continueAsNewAfterHistoryEvents?: number;
  /** Waits before retrying a failed refund with a new refund id; one entry per retry. */
  refundRetryDelaysMs?: number[];
  /** How long a workflow whose opening was refused waits for another before it ends (one minute when unset). */
  openingGraceMs?: number;
}

/** A command as it travels to the workflow: the domain command plus the id that makes retries harmless. */
export interface CommandEnvelope {
  command: DisputeCommand;
  /** The caller's idempotency key, or a fresh id; recorded on every event the command produces. */
  commandId: string;
  /**
   * The upload catalog's facts of the files the command cites, read by the API just before it
   * sends the Update (the Update validator cannot read the database). Signals never carry them:
   * the workflow reads the catalog itself (lookupEvidenceFiles).
   */
  evidenceFiles?: UploadedFile[];
}

export interface CommandResult {
  disputeId: string;
  /** Sequence numbers of the events this command recorded (stored before the result is returned). */
  recordedSequences: number[];
  /**
   * The state the command left; without the pinned policy unless the command is an opening (or
   * the workflow's code predates leaving it out): the API holds the policy already (pinned-policy.ts).
   */
  state: SentState;
  /**
   * The stored chain head that `state` reflects and when its events occurred, when the run that
   * answers stored it: with `state` it is the projection row, so the API answers without reading
   * the row back. Absent when the run does not know it (an answer from before a continue-as-new,
   * a workflow on older code), and then the API reads the row.
   */
  head?: ChainHead;
}

/** The last stored event's hash and the time its command's events occurred (the row's updatedAt). */
export interface ChainHead {
  version: number;
  hash: string;
  at: string;
}

/**
 * Commands arrive as Updates, not Signals: the synchronous validator runs the domain's
 * decide, so a caller learns of a rejection at once and a rejected command never enters
 * the workflow history. The handler returns only after the events are stored.
 */
export const executeCommandUpdate = defineUpdate<CommandResult, [CommandEnvelope]>('executeCommand');

export const disputeStateQuery = defineQuery<DisputeState>('state');
export const whoseTurnQuery = defineQuery<Turn | null>('whoseTurn');
export const availableActionsQuery = defineQuery<DisputeCommandType[], [Actor]>('availableActions');
export const pendingDeadlinesQuery = defineQuery<Deadline[]>('pendingDeadlines');

/**
 * Signals carry the same commands for services and operators, e.g.
 *   temporal workflow signal --workflow-id dispute-<id> --name IssueDecision \
 *     --input '{"actor":{"role":"MEDIATOR","id":"m-1"},"data":{...},"commandId":"ops-42"}'
 * A signal has no answer: a refused one changes nothing and is logged and counted.
 */
export const SIGNAL_COMMAND_TYPES = [
  'PostMessage',
  'AddEvidence',
  'MakeOffer',
  'AcceptOffer',
  'RejectOffer',
  'EscalateDispute',
  'ClaimCase',
  'RequestInformation',
  'AnswerInformationRequest',
  'IssueDecision',
  'FileAppeal',
  'DecideAppeal',
  // Edition 2: a seller's integration may concede, mediators' tools and the workforce tool manage
  // who holds a case and its deadlines, and an operator's tool may order a refund retry.
  'ConcedeDispute',
  'ReleaseCase',
  'ReassignCase',
  'ExtendDeadline',
  'RetryRefund',
] as const satisfies readonly DisputeCommandType[];
export type SignalCommandType = (typeof SIGNAL_COMMAND_TYPES)[number];

export interface SignalPayload {
  actor: Actor;
  data: unknown;
  /** Optional idempotency key: a signal repeated with the same id is applied once. */
  commandId?: string;
}

export const commandSignals: Record<SignalCommandType, ReturnType<typeof defineSignal<[SignalPayload]>>> = Object.fromEntries(
  SIGNAL_COMMAND_TYPES.map((type) => [type, defineSignal<[SignalPayload]>(type)]),
) as Record<SignalCommandType, ReturnType<typeof defineSignal<[SignalPayload]>>>;
