import { Metadata, status } from '@grpc/grpc-js';
import { ServiceError, WorkflowClient, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, type ConnectionLike } from '@temporalio/client';
import { google, temporal } from '@temporalio/proto';
import { RUN_ROLLOVER } from '../../libs/contracts/src';
import { isClosedWorkflow, isRunRollover, isUnansweredUpdate, updateRefusal } from '../../libs/contracts/src/update-errors';

// Each error below is the one the SDK itself raises from `executeUpdate` when the server answers
// the Update call as described: the fake connection hands the SDK a gRPC status or an outcome,
// and the SDK's own code picks the error class. The real server's answers are covered by
// test/e2e/commands.e2e.spec.ts.

/** The error @grpc/grpc-js rejects a call with: code, details, and the server's typed error detail in the trailers. */
function grpcStatus(code: status, details: string, detailType?: string) {
  const metadata = new Metadata();
  if (detailType) {
    const typed = google.rpc.Status.encode({ code, message: details, details: [{ type_url: `type.googleapis.com/temporal.api.errordetails.v1.${detailType}`, value: new Uint8Array() }] }).finish();
    metadata.set('grpc-status-details-bin', Buffer.from(typed));
  }
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata });
}

/** What the SDK raises when the server answers the Update call with `answer` (a rejection, or a response). */
function sdkErrorFor(answer: { reject: Error } | { respond: temporal.api.workflowservice.v1.IUpdateWorkflowExecutionResponse }): Promise<unknown> {
  const updateWorkflowExecution = () => ('reject' in answer ? Promise.reject(answer.reject) : Promise.resolve(answer.respond));
  const connection = { workflowService: { updateWorkflowExecution }, plugins: [] } as unknown as ConnectionLike;
  const handle = new WorkflowClient({ connection }).getHandle('dispute-1');
  return handle.executeUpdate('executeCommand', { args: [], updateId: 'BUYER:b-1:key' }).then(
    () => {
      throw new Error('the Update was expected to fail');
    },
    (error: unknown) => error,
  );
}

/** A completed Update whose workflow refused it with an ApplicationFailure of this type. */
const refused = (type: string) =>
  sdkErrorFor({
    respond: {
      updateRef: { workflowExecution: { workflowId: 'dispute-1', runId: 'run-1' }, updateId: 'BUYER:b-1:key' },
      stage: temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED,
      outcome: { failure: { message: 'You cannot do that now.', applicationFailureInfo: { type, nonRetryable: true } } },
    },
  });

describe('telling how a command Update failed, by the SDK error classes', () => {
  describe('updateRefusal', () => {
    it('gives the ApplicationFailure of an Update the workflow refused (WorkflowUpdateFailedError)', async () => {
      const error = await refused('INVALID_STATE');
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      const refusal = updateRefusal(error);
      expect(refusal?.type).toBe('INVALID_STATE');
      expect(refusal?.message).toBe('You cannot do that now.');
    });

    it('is null for anything else', async () => {
      expect(updateRefusal(await sdkErrorFor({ reject: grpcStatus(status.NOT_FOUND, 'workflow execution already completed') }))).toBeNull();
      expect(updateRefusal(new Error('INVALID_STATE'))).toBeNull();
    });
  });

  describe('isClosedWorkflow', () => {
    it.each([
      ['it had completed', 'workflow execution already completed'],
      ['it completed while the Update waited', 'workflow update was aborted by closing workflow'],
      ['it never existed', 'workflow not found for ID: dispute-1'],
    ])('holds for gRPC NOT_FOUND, raised as WorkflowNotFoundError (%s)', async (_case, details) => {
      const error = await sdkErrorFor({ reject: grpcStatus(status.NOT_FOUND, details) });
      expect(error).toBeInstanceOf(WorkflowNotFoundError);
      expect(isClosedWorkflow(error)).toBe(true);
    });

    it('does not hold for a refusal, another status or a message that merely says so', async () => {
      expect(isClosedWorkflow(await refused('INVALID_STATE'))).toBe(false);
      expect(isClosedWorkflow(await sdkErrorFor({ reject: grpcStatus(status.FAILED_PRECONDITION, 'workflow execution already completed') }))).toBe(false);
      expect(isClosedWorkflow(new Error('workflow execution already completed'))).toBe(false);
    });
  });

  describe('isUnansweredUpdate', () => {
    it.each([status.DEADLINE_EXCEEDED, status.CANCELLED])('holds for gRPC status %i, raised as WorkflowUpdateRPCTimeoutOrCancelledError', async (code) => {
      const error = await sdkErrorFor({ reject: grpcStatus(code, 'deadline exceeded') });
      expect(error).toBeInstanceOf(WorkflowUpdateRPCTimeoutOrCancelledError);
      expect(isUnansweredUpdate(error)).toBe(true);
    });

    it('does not hold for an unreachable server or a closed workflow', async () => {
      expect(isUnansweredUpdate(await sdkErrorFor({ reject: grpcStatus(status.UNAVAILABLE, 'No connection established') }))).toBe(false);
      expect(isUnansweredUpdate(await sdkErrorFor({ reject: grpcStatus(status.NOT_FOUND, 'workflow execution already completed') }))).toBe(false);
    });
  });

  describe('isRunRollover', () => {
    it('holds for the workflow refusing the Update as RUN_ROLLOVER', async () => {
      expect(isRunRollover(await refused(RUN_ROLLOVER))).toBe(true);
    });

    it('holds for the server aborting the Update with FAILED_PRECONDITION and a WorkflowNotReadyFailure (a ServiceError)', async () => {
      const aborted = grpcStatus(status.FAILED_PRECONDITION, 'Unable to perform workflow execution update due to unexpected workflow task failure.', 'WorkflowNotReadyFailure');
      const error = await sdkErrorFor({ reject: aborted });
      expect(error).toBeInstanceOf(ServiceError);
      expect(isRunRollover(error)).toBe(true);
    });

    it('does not hold for a domain refusal, another precondition, another status or a closed workflow', async () => {
      expect(isRunRollover(await refused('CONFLICT'))).toBe(false);
      expect(isRunRollover(await sdkErrorFor({ reject: grpcStatus(status.FAILED_PRECONDITION, 'unexpected workflow task failure', 'NamespaceNotActiveFailure') }))).toBe(false);
      expect(isRunRollover(await sdkErrorFor({ reject: grpcStatus(status.FAILED_PRECONDITION, 'unexpected workflow task failure') }))).toBe(false);
      expect(isRunRollover(await sdkErrorFor({ reject: grpcStatus(status.UNAVAILABLE, 'workflow update was aborted', 'WorkflowNotReadyFailure') }))).toBe(false);
      expect(isRunRollover(await sdkErrorFor({ reject: grpcStatus(status.NOT_FOUND, 'workflow update was aborted by closing workflow') }))).toBe(false);
    });
  });
});
