// Client side of the command Update; kept out of the contracts index so workflow bundles never load @temporalio/client.
import { ApplicationFailure, ServiceError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { executeCommandUpdate, type CommandEnvelope, type CommandResult } from './dispute-workflow';
import { RUN_ROLLOVER } from './failures';

const ROLLOVER_RETRY_MS = 50;
const ROLLOVER_MAX_WAIT_MS = 30_000;

const FAILED_PRECONDITION = 9;

export function isRunRollover(error: unknown): boolean {
  if (error instanceof WorkflowUpdateFailedError) return error.cause instanceof ApplicationFailure && error.cause.type === RUN_ROLLOVER;
  // An Update admitted while the run was completing (continue-as-new) is aborted by the server
  // with FAILED_PRECONDITION; it was not applied, and the next run takes the resend.
  const cause = error instanceof ServiceError ? (error.cause as { code?: number; details?: string } | undefined) : undefined;
  return cause?.code === FAILED_PRECONDITION && /workflow task failure|update was aborted/i.test(cause.details ?? '');
}

/**
 * Retries `send` while the dispute's workflow is handing over to its next run. The Update
 * id stays the same, so a command is never applied twice.
 */
export async function retryDuringRollover<T>(send: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + ROLLOVER_MAX_WAIT_MS;
  for (;;) {
    try {
      return await send();
    } catch (error) {
      if (!isRunRollover(error) || Date.now() > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, ROLLOVER_RETRY_MS));
    }
  }
}

/** Sends one command to a running dispute as a validated Update, riding out run rollovers. */
export function sendCommandUpdate(handle: WorkflowHandle, envelope: CommandEnvelope): Promise<CommandResult> {
  return retryDuringRollover(() => handle.executeUpdate(executeCommandUpdate, { args: [envelope], updateId: envelope.commandId }));
}
