import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { citedEvidenceIds, decide, isTerminal, defaultPolicy, initialState, type DecisionContext, type DisputeCommand, type DisputeState, type Policy, type UploadedFile } from '../../../../libs/domain/src';
import { disputeWorkflowId, executeCommandUpdate, type CommandResult, type DisputeWorkflowInput } from '../../../../libs/contracts/src';
import { retryDuringRollover, sendCommandUpdate } from '../../../../libs/contracts/src/command-client';
import { isClosedWorkflow } from '../../../../libs/contracts/src/update-errors';
import { orderFacts, type EvidenceCatalog, type OrderStore } from '../../../../libs/persistence/src';
import { addLogContext } from '../../../../libs/platform/src';
import type { Viewer } from '../auth/viewer';
import { ApiError } from '../graphql/errors';
import { toApiError } from '../temporal/temporal-errors';
import type { disputeWorkflow } from '../../../../workflows';
import { disputeIdFor } from './dispute-id';
import type { OpenDisputeInput } from './open-dispute.input';

const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** What the command path reads back from the store: a dispute's state, and what a command id recorded. */
export interface CommandHistory {
  stateOf(disputeId: string): Promise<DisputeState | null>;
  sequencesOfCommand(disputeId: string, commandId: string): Promise<number[]>;
}

/** Sends commands to dispute workflows as validated Updates; holds no rules of its own. */
export class DisputeCommands {
  constructor(
    private readonly client: Client,
    private readonly orders: OrderStore,
    private readonly history: CommandHistory,
    private readonly evidence: EvidenceCatalog,
    private readonly taskQueue: string,
    private readonly timeoutMs: number,
    private readonly policy: Policy = defaultPolicy,
  ) {}

  /**
   * Sends a command to a running dispute as a validated Update and returns once its events
   * are stored. The caller has already checked that the viewer may read the dispute (`current`
   * is its projected state); everything else is the workflow's decide.
   */
  async send(viewer: Viewer, current: { disputeId: string; state: DisputeState }, command: DisputeCommand, idempotencyKey: string | null | undefined): Promise<CommandResult> {
    const updateId = updateIdFor(viewer, idempotencyKey);
    const { disputeId, state } = current;
    addLogContext({ disputeId, workflowId: disputeWorkflowId(disputeId) });
    // A closed case's workflow has completed and takes no Updates: a retry of the command that
    // closed it still gets its result, anything else the domain's own refusal.
    if (isTerminal(state)) return this.answerFromHistory(disputeId, state, command, updateId);
    const evidenceFiles = await this.filesCitedBy(command);
    try {
      return await withTimeout(
        sendCommandUpdate(this.client.workflow.getHandle(disputeWorkflowId(disputeId)), { command, commandId: updateId, ...(evidenceFiles ? { evidenceFiles } : {}) }),
        this.timeoutMs,
      );
    } catch (error) {
      const refusal = toApiError(error);
      if (refusal instanceof ApiError) throw refusal;
      // The workflow completed between our read and the Update (or is gone): answer from the history.
      if (isClosedWorkflow(error)) {
        return this.answerFromHistory(disputeId, (await this.history.stateOf(disputeId)) ?? state, command, updateId);
      }
      throw refusal;
    }
  }

  private async answerFromHistory(disputeId: string, state: DisputeState, command: DisputeCommand, updateId: string): Promise<CommandResult> {
    const recordedSequences = await this.history.sequencesOfCommand(disputeId, updateId);
    if (recordedSequences.length > 0) return { disputeId, recordedSequences, state };
    const evidenceFiles = await this.filesCitedBy(command);
    const decision = decide(command, state, { now: new Date().toISOString(), order: state.order, policy: state.policy ?? this.policy, evidenceFiles });
    if (!decision.ok) throw new ApiError(decision.rejection.code, decision.rejection.message, decision.rejection.field);
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

  async open(viewer: Viewer, input: OpenDisputeInput): Promise<CommandResult> {
    const updateId = updateIdFor(viewer, input.idempotencyKey);
    const order = await this.orders.find(input.orderId);
    const history = order ? await this.orders.disputeHistory(order.orderId) : { disputesOpened: 0, activeDisputeId: null };
    const facts = order ? orderFacts(order, history) : null;
    const disputeId = history.activeDisputeId ?? disputeIdFor(input.orderId, history.disputesOpened + 1);
    addLogContext({ disputeId, workflowId: disputeWorkflowId(disputeId) });
    const command: DisputeCommand = {
      type: 'OpenDispute',
      actor: viewer,
      data: {
        disputeId,
        orderId: input.orderId,
        reason: input.reason,
        ...(input.subReason ? { subReason: input.subReason } : {}),
        description: input.description,
        evidence: input.evidence.map((item) => ({
          evidenceId: item.evidenceId,
          sha256: item.sha256,
          kind: item.kind,
          ...(item.description ? { description: item.description } : {}),
        })),
        requestedResolution: { kind: input.requestedResolution.kind, ...(input.requestedResolution.amount ? { amount: { ...input.requestedResolution.amount } } : {}) },
      },
    };
    // The same rules the workflow applies, checked first so a refused opening never starts a
    // workflow. A retry of an accepted opening (same idempotency key) skips this and gets the
    // first answer from the workflow.
    const isRetryOfActive = history.activeDisputeId !== null && input.idempotencyKey;
    const evidenceFiles = await this.filesCitedBy(command);
    if (!isRetryOfActive) {
      const context: DecisionContext = { now: new Date().toISOString(), order: facts, policy: this.policy, evidenceFiles };
      const decision = decide(command, initialState, context);
      if (!decision.ok) throw new ApiError(decision.rejection.code, decision.rejection.message, decision.rejection.field);
    }
    if (!facts) throw new ApiError('NOT_FOUND', `No order ${input.orderId} exists that you can see.`, 'orderId');
    const workflowInput: DisputeWorkflowInput = { disputeId, order: facts, policy: this.policy };
    // A start operation can be used once, so each attempt (a retry during a run rollover) builds its own.
    const start = () =>
      new WithStartWorkflowOperation<typeof disputeWorkflow>('disputeWorkflow', {
        workflowId: disputeWorkflowId(disputeId),
        taskQueue: this.taskQueue,
        args: [workflowInput],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    try {
      return await withTimeout(
        retryDuringRollover(() =>
          this.client.workflow.executeUpdateWithStart(executeCommandUpdate, {
            args: [{ command, commandId: updateId, ...(evidenceFiles ? { evidenceFiles } : {}) }],
            updateId,
            startWorkflowOperation: start(),
          }),
        ),
        this.timeoutMs,
      );
    } catch (error) {
      throw toApiError(error);
    }
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
