import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { citedEvidenceIds, decide, DEFAULT_POLICY_LINE, isTerminal, withPinnedPolicy, type DisputeCommand, type DisputeState, type UploadedFile } from '../../../../libs/domain/src';
import { disputeWorkflowId, type CommandEnvelope, type CommandResult } from '../../../../libs/contracts/src';
import { sendCommandUpdate } from '../../../../libs/contracts/src/command-client';
import { isClosedWorkflow } from '../../../../libs/contracts/src/update-errors';
import type { EvidenceCatalog, OrderStore } from '../../../../libs/persistence/src';
import { addLogContext } from '../../../../libs/platform/src';
import type { Viewer } from '../auth/viewer';
import { ApiError, rejectionError } from '../graphql/errors';
import { toApiError } from '../temporal/temporal-errors';
import type { PolicySource } from '../policies/policy-source';
import { checkOpening, newDisputeOn, startWithOpening, type NewDispute } from './dispute-opening';

const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** What the command path reads back from the store: a dispute's state, and what a command id recorded. */
export interface CommandHistory {
  stateOf(disputeId: string): Promise<DisputeState | null>;
  sequencesOfCommand(disputeId: string, commandId: string): Promise<number[]>;
}

/** A dispute the viewer may see, with its projected state as the reader found it. */
export interface ExistingDispute {
  kind: 'existing';
  disputeId: string;
  state: DisputeState;
}

/** Where a command goes, settled with the viewer's rights before the command is built. */
export type Destination = ExistingDispute | NewDispute;

/** A command's result with the whole state: the pinned policy put back where the Update's answer left it out. */
export type AnsweredCommand = Omit<CommandResult, 'state'> & { state: DisputeState };

/** Sends commands to dispute workflows as validated Updates; holds no rules of its own. */
export class DisputeCommands {
  constructor(
    private readonly client: Client,
    private readonly orders: OrderStore,
    private readonly history: CommandHistory,
    private readonly evidence: EvidenceCatalog,
    private readonly policies: PolicySource,
    private readonly taskQueue: string,
    private readonly timeoutMs: number,
  ) {}

  /** Where an opening of a dispute on this order goes. */
  newDisputeOn(orderId: string): Promise<NewDispute> {
    return newDisputeOn(this.orders, orderId);
  }

  /**
   * Sends a command as a validated Update and returns once its events are stored. What the API
   * checks itself comes first: a closed case answers from its history, and an opening is decided
   * before its workflow starts. Everything else is the workflow's decide.
   */
  async send(viewer: Viewer, to: Destination, command: DisputeCommand, idempotencyKey: string | null | undefined): Promise<AnsweredCommand> {
    const updateId = updateIdFor(viewer, idempotencyKey);
    addLogContext({ disputeId: to.disputeId, workflowId: disputeWorkflowId(to.disputeId) });
    // A closed case's workflow has completed and takes no Updates: a retry of the command that
    // closed it still gets its result, anything else the domain's own refusal.
    if (to.kind === 'existing' && isTerminal(to.state)) return this.answerFromHistory(to.disputeId, to.state, command, updateId);
    const evidenceFiles = await this.filesCitedBy(command);
    const envelope: CommandEnvelope = { command, commandId: updateId, ...(evidenceFiles ? { evidenceFiles } : {}) };
    // An opening is decided here first: a refused one must not start its workflow.
    // It pins the current version of its order's policy line, read now: publishing never reaches a running dispute.
    const workflowToStart = to.kind === 'new' ? checkOpening(to, envelope, await this.policies.forLine(to.policyLine), Boolean(idempotencyKey)) : null;
    try {
      const delivery = workflowToStart
        ? startWithOpening(this.client, this.taskQueue, workflowToStart, envelope)
        : sendCommandUpdate(this.client.workflow.getHandle(disputeWorkflowId(to.disputeId)), envelope);
      const result = await withTimeout(delivery, this.timeoutMs);
      // The answer leaves out the policy this side already holds: the one read with the state, or the one just pinned.
      return { ...result, state: withPinnedPolicy(result.state, workflowToStart ? workflowToStart.workflow.policy : to.kind === 'existing' ? to.state.policy : null) };
    } catch (error) {
      // The workflow completed between our read and the Update (or is gone): answer from the history.
      if (to.kind === 'existing' && isClosedWorkflow(error)) {
        return this.answerFromHistory(to.disputeId, (await this.history.stateOf(to.disputeId)) ?? to.state, command, updateId);
      }
      throw toApiError(error);
    }
  }

  private async answerFromHistory(disputeId: string, state: DisputeState, command: DisputeCommand, updateId: string): Promise<AnsweredCommand> {
    const recordedSequences = await this.history.sequencesOfCommand(disputeId, updateId);
    if (recordedSequences.length > 0) return { disputeId, recordedSequences, state };
    const evidenceFiles = await this.filesCitedBy(command);
    const decision = decide(command, state, { now: new Date().toISOString(), order: state.order, policy: state.policy ?? (await this.policies.forLine(DEFAULT_POLICY_LINE)), evidenceFiles });
    if (!decision.ok) throw rejectionError(decision.rejection);
    throw new ApiError('INVALID_STATE', 'This dispute is closed and accepts no further commands.');
  }

  /**
   * The catalog's facts of the files a command cites, for decide's citation rule (the Update
   * validator cannot read the database); undefined when the command cites none.
   */
  private async filesCitedBy(command: DisputeCommand): Promise<UploadedFile[] | undefined> {
    const ids = citedEvidenceIds(command);
    if (ids.length === 0) return undefined;
    return this.evidence.uploadsOf(ids);
  }
}

/**
 * The caller gets an answer within the timeout even when the workflow is slow to store its
 * events; the command may still complete, and a retry with the same key returns its result.
 */
function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ApiError('UNAVAILABLE', `The dispute service did not confirm the command within ${timeoutMs} ms. Retry with the same idempotencyKey; it will not be applied twice.`)),
      timeoutMs,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Idempotency keys are scoped to the caller, so one user's key can never replay another's command. */
function updateIdFor(viewer: Viewer, idempotencyKey: string | null | undefined): string {
  if (idempotencyKey === undefined || idempotencyKey === null) return randomUUID();
  if (idempotencyKey.length === 0 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new ApiError('VALIDATION', `The idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`, 'idempotencyKey');
  }
  return `${viewer.role}:${viewer.id}:${idempotencyKey}`;
}
