import { ApplicationFailure, log, metricMeter, uuid4 } from '@temporalio/workflow';
import type { DisputeCommand } from '../../libs/domain/src';
import type { CommandEnvelope, CommandResult } from '../../libs/contracts/src';
import { withCatalogFacts } from './catalog-facts';
import { isCommandEnvelope, rejectionFailure } from './envelope';

const rejectedSignals = metricMeter.createCounter('dispute_rejected_signals', 'signals', 'Signals the domain refused.');

/**
 * Commands that arrive as signals (operators, services). A signal has no caller to answer: a
 * refusal is logged and counted, and changes nothing. A signal citing files waits for the
 * catalog's facts; signals still join the command queue in the order they arrived, because
 * each one's preparation waits for the one before.
 */
export class SignalDoor {
  /** Signals the domain refused, over the dispute's life (carried across runs). */
  refused: number;
  /** Settles when the last signal received so far has been prepared. */
  private inOrder: Promise<void> = Promise.resolve();

  constructor(
    private readonly execute: (envelope: CommandEnvelope) => Promise<CommandResult>,
    refusedBefore: number,
  ) {
    this.refused = refusedBefore;
  }

  async receive(type: DisputeCommand['type'], payload: unknown): Promise<void> {
    const prepared = this.inOrder.then(() => prepare(type, payload));
    this.inOrder = prepared.then(
      () => undefined,
      () => undefined,
    );
    try {
      await this.execute(await prepared);
    } catch (error) {
      if (!(error instanceof ApplicationFailure)) return; // a storage failure: the workflow body raises it
      this.refused += 1;
      rejectedSignals.add(1, { command: type, code: error.type ?? 'UNKNOWN' });
      log.warn('Signal refused', { command: type, code: error.type, reason: error.message });
    }
  }
}

async function prepare(type: DisputeCommand['type'], payload: unknown): Promise<CommandEnvelope> {
  const raw = (typeof payload === 'object' && payload !== null ? payload : {}) as { actor?: unknown; data?: unknown; commandId?: unknown };
  const envelope = { command: { type, actor: raw.actor, data: raw.data ?? {} }, commandId: typeof raw.commandId === 'string' && raw.commandId ? raw.commandId : `signal:${uuid4()}` };
  if (!isCommandEnvelope(envelope)) throw rejectionFailure({ code: 'VALIDATION', message: 'A signal needs an actor with a role and an id, and data.' });
  return withCatalogFacts(envelope);
}
