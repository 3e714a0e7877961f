// How a command Update failed, told by the SDK's error classes and the server's gRPC status,
// never by message text, which the server may reword in any release. Client side: kept out of
// the contracts index so workflow bundles never load @temporalio/client.
import { status } from '@grpc/grpc-js';
import { ApplicationFailure, ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, isGrpcServiceError } from '@temporalio/client';
// The SDK decodes the server's typed error details with this for its own error classes; it has no public export.
import { getGrpcStatusDetails } from '@temporalio/client/lib/helpers';
import { RUN_ROLLOVER } from './failures';

const WORKFLOW_NOT_READY = 'type.googleapis.com/temporal.api.errordetails.v1.WorkflowNotReadyFailure';

/**
 * The workflow refused the Update: its validator or handler threw an ApplicationFailure, whose
 * type is a domain RejectionCode or one of ours (failures.ts). Null for any other failure.
 */
export function updateRefusal(error: unknown): ApplicationFailure | null {
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure ? error.cause : null;
}

/**
 * The dispute's workflow no longer runs: it had completed when the Update arrived, completed
 * while the Update waited to be taken, or never existed. The server answers all three with gRPC
 * NOT_FOUND, which the SDK raises as WorkflowNotFoundError. Nothing was applied.
 */
export function isClosedWorkflow(error: unknown): boolean {
  return error instanceof WorkflowNotFoundError;
}

/**
 * The client stopped waiting (gRPC DEADLINE_EXCEEDED or CANCELLED, raised by the SDK as
 * WorkflowUpdateRPCTimeoutOrCancelledError): the Update may still be applied.
 */
export function isUnansweredUpdate(error: unknown): boolean {
  return error instanceof WorkflowUpdateRPCTimeoutOrCancelledError;
}

/**
 * The Update met the dispute's workflow handing over to its next run, or a workflow task that
 * failed; sending the same Update id again is safe. Either the workflow refused it (RUN_ROLLOVER),
 * or the workflow task that held it failed (continue-as-new racing new Updates, a worker lost) and
 * the server aborted it: FAILED_PRECONDITION carrying a WorkflowNotReadyFailure, which the SDK
 * raises as a ServiceError around the gRPC error. That task may have stored the command (its
 * append runs inside the task): the retried Update is then answered from those stored events.
 */
export function isRunRollover(error: unknown): boolean {
  if (updateRefusal(error)?.type === RUN_ROLLOVER) return true;
  const cause = error instanceof ServiceError ? error.cause : undefined;
  if (!isGrpcServiceError(cause) || cause.code !== status.FAILED_PRECONDITION) return false;
  return (getGrpcStatusDetails(cause) ?? []).some((detail) => detail.type_url === WORKFLOW_NOT_READY);
}
