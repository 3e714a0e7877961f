import { ApplicationFailure, log, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import {
  DISPUTE_EVENT_SCHEMA_VERSION,
  decide,
  evolve,
  pendingDeadlines,
  type DecisionContext,
  type DisputeEvent,
  type DisputeState,
  type Rejection,
} from '../../libs/domain/src';
import {
  DisputeBuyerIdKey,
  DisputeNextDeadlineKey,
  DisputeOrderIdKey,
  DisputeSellerIdKey,
  DisputeStatusKey,
  EVENT_SEQUENCE_CONFLICT,
  type AppendEventsInput,
  type CommandEnvelope,
  type CommandResult,
  type DisputeActivities,
  type DisputeWorkflowInput,
  type RecordedEventInput,
} from '../../libs/contracts/src';
import { CommandLock } from './command-lock';

// Appending is retried until it succeeds: the decision is already made and the history
// must catch up with it. Only a conflicting event at a taken sequence is hopeless.
const store = proxyActivities<DisputeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds', nonRetryableErrorTypes: [EVENT_SEQUENCE_CONFLICT] },
});

/** The dispute as its workflow holds it: folded state plus the single-writer command path. */
export class DisputeCase {
  state: DisputeState;
  private readonly lock = new CommandLock();

  constructor(
    private readonly input: DisputeWorkflowInput,
    initial: DisputeState,
  ) {
    this.state = initial;
  }

  get opened(): boolean {
    return this.state.status !== 'NONE';
  }

  /** Update validator: synchronous, so a rejected command never reaches the history. */
  validate(envelope: CommandEnvelope): void {
    const decision = decide(envelope.command, this.state, this.context());
    if (!decision.ok) throw rejectionFailure(decision.rejection);
  }

  /** Decides again under the lock (the state may have moved since validation), stores, then applies. */
  execute(envelope: CommandEnvelope): Promise<CommandResult> {
    return this.lock.run(async () => {
      const context = this.context();
      const decision = decide(envelope.command, this.state, context);
      if (!decision.ok) throw rejectionFailure(decision.rejection);
      const next = decision.events.reduce(evolve, this.state);
      const recorded = decision.events.map((event, index) => this.envelope(event, index, envelope, context.now));
      await store.appendEvents(this.appendInput(recorded, next, context.now));
      this.state = next;
      this.publishSearchAttributes();
      return { disputeId: this.input.disputeId, recordedSequences: recorded.map((event) => event.sequence), state: next };
    });
  }

  private context(): DecisionContext {
    return { now: new Date().toISOString(), order: this.input.order, policy: this.input.policy };
  }

  private envelope(event: DisputeEvent, index: number, envelope: CommandEnvelope, now: string): RecordedEventInput {
    return {
      sequence: this.state.version + index + 1,
      type: event.type,
      payload: event.data,
      actor: envelope.command.actor,
      occurredAt: now,
      commandId: envelope.commandId,
      schemaVersion: DISPUTE_EVENT_SCHEMA_VERSION,
    };
  }

  private appendInput(events: RecordedEventInput[], next: DisputeState, now: string): AppendEventsInput {
    const order = this.input.order;
    return {
      disputeId: this.input.disputeId,
      events,
      projection: {
        orderId: order.orderId,
        buyerId: order.buyerId,
        sellerId: order.sellerId,
        status: next.status,
        reason: next.reason ?? '',
        version: next.version,
        state: next,
        nextDeadlineAt: pendingDeadlines(next)[0]?.dueAt ?? null,
        openedAt: next.openedAt ?? now,
        updatedAt: now,
      },
    };
  }

  private publishSearchAttributes(): void {
    const order = this.input.order;
    const nextDeadline = pendingDeadlines(this.state)[0];
    upsertSearchAttributes([
      { key: DisputeStatusKey, value: this.state.status },
      { key: DisputeOrderIdKey, value: order.orderId },
      { key: DisputeBuyerIdKey, value: order.buyerId },
      { key: DisputeSellerIdKey, value: order.sellerId },
      { key: DisputeNextDeadlineKey, value: nextDeadline ? new Date(nextDeadline.dueAt) : null },
    ]);
  }

  /** A deadline's command goes through decide like any other; a refusal means the deadline became moot. */
  async fireDeadline(): Promise<void> {
    const deadline = pendingDeadlines(this.state)[0];
    if (!deadline) return;
    try {
      await this.execute({ command: deadline.command, commandId: `deadline:${deadline.kind}:${deadline.dueAt}` });
    } catch (error) {
      if (!(error instanceof ApplicationFailure) || error.type === EVENT_SEQUENCE_CONFLICT) throw error;
      log.warn('Deadline command refused', { kind: deadline.kind, dueAt: deadline.dueAt, code: error.type, reason: error.message });
    }
  }
}

export function rejectionFailure(rejection: Rejection): ApplicationFailure {
  return ApplicationFailure.create({
    type: rejection.code,
    message: rejection.message,
    nonRetryable: true,
    details: rejection.field === undefined ? [] : [{ field: rejection.field }],
  });
}
