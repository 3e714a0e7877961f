// Client side of the command Update; kept out of the contracts index so workflow bundles never load @temporalio/client.
import type { WorkflowHandle } from '@temporalio/client';
import { executeCommandUpdate, type CommandEnvelope, type CommandResult } from './dispute-workflow';
import { isRunRollover } from './update-errors';

const ROLLOVER_RETRY_MS = 50;
const ROLLOVER_MAX_WAIT_MS = 30_000;

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
