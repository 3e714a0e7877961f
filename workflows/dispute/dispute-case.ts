import { ApplicationFailure, log, metricMeter, patched, proxyActivities, upsertSearchAttributes, uuid4 } from '@temporalio/workflow';
import {
  DISPUTE_EVENT_SCHEMA_VERSION,
  citedEvidenceIds,
  decide,
  evolve,
  pendingDeadlines,
  refundDue,
  type Actor,
  type DecisionContext,
  type DisputeCommand,
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
  RUN_ROLLOVER,
  type AppendEventsInput,
  type CommandEnvelope,
  type CommandResult,
  type DisputeActivities,
  type DisputeWorkflowInput,
  type NotificationInput,
  type RecordedEventInput,
} from '../../libs/contracts/src';
import { isCommandEnvelope } from './envelope';

// Appending is retried until it succeeds: the decision is already made and the history
// must catch up with it. Only a conflicting event at a taken sequence is hopeless. It is a
// regular activity on purpose: a local activity writes to PostgreSQL inside a workflow task
// that may still fail (e.g. continue-as-new racing new Updates), and the retried task can
// batch different commands at the same sequences (see docs/decisions.md).
const store = proxyActivities<DisputeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds', nonRetryableErrorTypes: [EVENT_SEQUENCE_CONFLICT] },
});

// Money moves once per refund id (the port is idempotent on it), so retrying a transient
// failure is safe; a definite refusal comes back as a DECLINED outcome, not an error.
const payments = proxyActivities<DisputeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

// Notifications of runs that predate the outbox (see NOTIFICATION_OUTBOX): best effort with a
// long tail, about a day of retries, then given up. The outbox dispatcher keeps the same budget.
const notifier = proxyActivities<DisputeActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 60 },
});

/**
 * Since this patch a batch's notifications travel in the append's input and are written to the
 * outbox in the events' transaction; a dispatcher in the worker delivers them, so a command costs
 * one activity instead of one plus one per recipient. Histories recorded before it scheduled a
 * deliverNotification activity per recipient, and replaying them must still do so
 * (docs/versioning.md says when the old branch can go).
 */
const NOTIFICATION_OUTBOX = 'notification-outbox';

/**
 * Since this patch a command may cite only its author's uploads, checked against the upload
 * catalog (docs/decisions.md, "Evidence integrity"); signals read the catalog through an
 * activity. Histories recorded before it accepted citations as sent, and replaying them must
 * decide (and schedule) exactly as they did.
 */
const EVIDENCE_CATALOG = 'evidence-catalog';

const rejectedSignals = metricMeter.createCounter('dispute_rejected_signals', 'signals', 'Signals the domain refused.');

/** At most this many commands are stored by one append. */
const MAX_BATCH = 100;

interface QueuedCommand {
  envelope: CommandEnvelope;
  resolve(result: CommandResult): void;
  reject(error: unknown): void;
}

/** How many recent command ids are remembered (and carried across continue-as-new) to answer retries. */
const REMEMBERED_COMMANDS = 500;
const REFUNDS: Actor = { role: 'SYSTEM', id: 'refunds' };

export interface RememberedCommand {
  commandId: string;
  recordedSequences: number[];
}

/** What a dispute carries from one run to the next. */
export interface DisputeMemory {
  state: DisputeState;
  recentCommands: RememberedCommand[];
  rejectedSignals: number;
  /** When a failed refund may be retried (epoch ms), if one failed. */
  refundRetryAt: number | null;
  /**
   * Notification activities still in flight when the previous run ended; sent again (receivers
   * dedupe by delivery id). Only runs that predate the notification outbox have any: the
   * outbox's rows outlive runs by themselves. Kept as long as such runs may continue as new.
   */
  undeliveredNotifications?: NotificationInput[];
}

/** The dispute as its workflow holds it: folded state plus the single-writer command path. */
export class DisputeCase {
  state: DisputeState;
  recentCommands: RememberedCommand[];
  rejectedSignalCount: number;
  refundRetryAt: number | null;
  /** Set once this run is handing over to the next: new Updates are refused (and retried by clients). */
  closingRun = false;
  /** Updates accepted in this run; Temporal bounds them per run, so the run rolls over before that. */
  updatesThisRun = 0;
  /** Set when the history refused this workflow's events; the workflow then stops. */
  storeFailure: unknown = null;
  private queue: QueuedCommand[] = [];
  /** Settles when the last signal received so far has been prepared (see receiveSignal). */
  private signalsInOrder: Promise<void> = Promise.resolve();
  private draining = false;
  /** Old path only: notification activities in flight (see NOTIFICATION_OUTBOX). */
  private readonly notifications = new Map<Promise<unknown>, NotificationInput>();

  constructor(
    private readonly input: DisputeWorkflowInput,
    memory: DisputeMemory,
  ) {
    this.state = memory.state;
    this.recentCommands = memory.recentCommands;
    this.rejectedSignalCount = memory.rejectedSignals;
    this.refundRetryAt = memory.refundRetryAt;
    // Carried by a run that predates the outbox: nothing else would ever send them.
    for (const notification of memory.undeliveredNotifications ?? []) this.deliver(notification);
  }

  get opened(): boolean {
    return this.state.status !== 'NONE';
  }

  memory(): DisputeMemory {
    return {
      state: this.state,
      recentCommands: this.recentCommands,
      rejectedSignals: this.rejectedSignalCount,
      refundRetryAt: this.refundRetryAt,
      undeliveredNotifications: [...this.notifications.values()],
    };
  }

  /** Update validator: synchronous, so a rejected command never reaches the history. */
  validate(envelope: unknown): void {
    if (this.closingRun) throw ApplicationFailure.create({ type: RUN_ROLLOVER, message: 'The dispute is moving to a fresh workflow run; send the same command again in a moment.', nonRetryable: true });
    if (!isCommandEnvelope(envelope)) throw rejectionFailure({ code: 'VALIDATION', message: 'A command needs a type, an actor with a role and an id, data and a command id.' });
    if (this.remembered(envelope.commandId)) return;
    // Validators run only live, never on replay, so the citation rule always applies here.
    const decision = decide(envelope.command, this.state, { ...this.context(), evidenceFiles: envelope.evidenceFiles ?? [] });
    if (!decision.ok) throw rejectionFailure(decision.rejection);
  }

  /**
   * Queues a command and settles it once its events are stored. Commands are decided one by
   * one, in arrival order, against the state as the earlier ones left it (the state may have
   * moved since validation); every command waiting while an append runs is stored by the next
   * single append (group commit), so a busy dispute needs far fewer activities than commands.
   */
  /** An accepted Update: counted toward the run's bound, then executed like any command. */
  executeUpdate(envelope: CommandEnvelope): Promise<CommandResult> {
    this.updatesThisRun += 1;
    return this.execute(envelope);
  }

  execute(envelope: CommandEnvelope): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ envelope, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) await this.commitBatch(this.queue.splice(0, MAX_BATCH));
    } catch (error) {
      // Only a conflicting event at a taken sequence gets here: the stored history and this
      // workflow disagree. The workflow body raises it, which stops the dispute for an operator.
      log.error('Events could not be stored', { error: String(error) });
      // A plain Error fails the workflow task (retried after a fix or a reset), not the dispute.
      this.storeFailure = new Error(`Events of dispute ${this.input.disputeId} could not be stored: ${String(error)}`);
    } finally {
      this.draining = false;
    }
  }

  private async commitBatch(batch: QueuedCommand[]): Promise<void> {
    const context = this.context();
    let next = this.state;
    const recorded: RecordedEventInput[] = [];
    const accepted: { command: QueuedCommand; sequences: number[] }[] = [];
    const answered: RememberedCommand[] = [];
    for (const command of batch) {
      const commandId = command.envelope.commandId;
      const earlier = this.remembered(commandId) ?? answered.find((entry) => entry.commandId === commandId);
      if (earlier) {
        accepted.push({ command, sequences: earlier.recordedSequences });
        continue;
      }
      const decision = decide(command.envelope.command, next, { ...context, ...this.citationContext(command.envelope) });
      if (!decision.ok) {
        command.reject(rejectionFailure(decision.rejection));
        continue;
      }
      const events = decision.events.map((event, index) => this.envelope(event, next.version + index + 1, command.envelope, context.now));
      next = decision.events.reduce(evolve, next);
      recorded.push(...events);
      const entry = { commandId, recordedSequences: events.map((event) => event.sequence) };
      answered.push(entry);
      accepted.push({ command, sequences: entry.recordedSequences });
    }
    if (recorded.length > 0) {
      const notifications = this.notificationsFor(recorded, next);
      // Decided before the append, whose input then carries the notifications, so each batch is
      // announced by exactly one path; a replayed pre-outbox history answers false here.
      const viaOutbox = patched(NOTIFICATION_OUTBOX);
      try {
        await store.appendEvents(this.appendInput(recorded, next, context.now, viaOutbox ? notifications : undefined));
      } catch (error) {
        for (const { command } of accepted) command.reject(error);
        throw error;
      }
      this.state = next;
      for (const entry of answered) this.remember(entry);
      this.publishSearchAttributes();
      if (!viaOutbox) for (const notification of notifications) this.deliver(notification);
    }
    for (const { command, sequences } of accepted) command.resolve({ disputeId: this.input.disputeId, recordedSequences: sequences, state: this.state });
  }

  /** The catalog facts a queued command is decided with; unchecked only for commands recorded before the rule. */
  private citationContext(envelope: CommandEnvelope): Pick<DecisionContext, 'evidenceFiles' | 'uncheckedCitations'> {
    if (citedEvidenceIds(envelope.command).length === 0) return {};
    return { evidenceFiles: envelope.evidenceFiles ?? [], uncheckedCitations: !patched(EVIDENCE_CATALOG) };
  }

  /**
   * Signals have no caller to answer: a refusal is logged and counted, and changes nothing.
   * A signal citing files waits for the catalog's facts (an activity: whatever facts a signal
   * carries are ignored, since a person typed them); signals still join the queue in the order
   * they arrived, because each one's preparation waits for the one before.
   */
  async receiveSignal(type: DisputeCommand['type'], payload: unknown): Promise<void> {
    const prepared = this.signalsInOrder.then(() => this.prepareSignal(type, payload));
    this.signalsInOrder = prepared.then(
      () => undefined,
      () => undefined,
    );
    try {
      await this.execute(await prepared);
    } catch (error) {
      if (!(error instanceof ApplicationFailure)) return; // a storage failure: the workflow body raises it
      this.rejectedSignalCount += 1;
      rejectedSignals.add(1, { command: type, code: error.type ?? 'UNKNOWN' });
      log.warn('Signal refused', { command: type, code: error.type, reason: error.message });
    }
  }

  private async prepareSignal(type: DisputeCommand['type'], payload: unknown): Promise<CommandEnvelope> {
    const raw = (typeof payload === 'object' && payload !== null ? payload : {}) as { actor?: unknown; data?: unknown; commandId?: unknown };
    const envelope = { command: { type, actor: raw.actor, data: raw.data ?? {} }, commandId: typeof raw.commandId === 'string' && raw.commandId ? raw.commandId : `signal:${uuid4()}` };
    if (!isCommandEnvelope(envelope)) throw rejectionFailure({ code: 'VALIDATION', message: 'A signal needs an actor with a role and an id, and data.' });
    const cited = citedEvidenceIds(envelope.command);
    if (cited.length === 0 || !patched(EVIDENCE_CATALOG)) return envelope;
    return { ...envelope, evidenceFiles: await store.lookupEvidenceFiles(cited) };
  }

  /** A deadline's command goes through decide like any other; a refusal means the deadline became moot. */
  async fireDueDeadline(now: number): Promise<void> {
    const deadline = pendingDeadlines(this.state)[0];
    if (!deadline || Date.parse(deadline.dueAt) > now) return;
    try {
      await this.execute({ command: deadline.command, commandId: `deadline:${deadline.kind}:${deadline.dueAt}` });
    } catch (error) {
      if (!(error instanceof ApplicationFailure)) return; // a storage failure: the workflow body raises it
      log.warn('Deadline command refused', { kind: deadline.kind, dueAt: deadline.dueAt, code: error.type, reason: error.message });
    }
  }

  /** True when the resolved outcome owes money and no attempt is running or waiting to retry. */
  refundReady(now: number): boolean {
    return refundDue(this.state) !== null && (this.refundRetryAt === null || this.refundRetryAt <= now);
  }

  /**
   * Executes the refund the outcome owes: RequestRefund, the payment port (idempotent on the
   * refund id), then RecordRefundSucceeded (which closes the dispute) or RecordRefundFailed,
   * after which a retry is scheduled with a new refund id.
   */
  async settleRefund(retryDelaysMs: number[]): Promise<void> {
    const amount = refundDue(this.state);
    if (!amount) return;
    const attempt = (this.state.refund?.attempts ?? 0) + 1;
    const refundId = `${this.input.disputeId}:refund:${attempt}`;
    await this.execute({ command: { type: 'RequestRefund', actor: REFUNDS, data: { refundId } }, commandId: `refund-request:${refundId}` });
    const outcome = await payments.executeRefund({ refundId, disputeId: this.input.disputeId, orderId: this.input.order.orderId, amountMinor: amount.amountMinor, currency: amount.currency });
    if (outcome.status === 'SUCCEEDED') {
      this.refundRetryAt = null;
      await this.execute({ command: { type: 'RecordRefundSucceeded', actor: REFUNDS, data: { refundId, providerReference: outcome.providerReference } }, commandId: `refund-result:${refundId}` });
      return;
    }
    await this.execute({ command: { type: 'RecordRefundFailed', actor: REFUNDS, data: { refundId, failureReason: outcome.reason } }, commandId: `refund-result:${refundId}` });
    const delay = retryDelaysMs[attempt - 1];
    // Out of retries: the dispute stays RESOLVED with a failed refund for an operator to act on.
    this.refundRetryAt = delay === undefined ? Number.MAX_SAFE_INTEGER : Date.now() + delay;
    log.error('Refund failed', { refundId, reason: outcome.reason, retryAt: delay === undefined ? 'never' : new Date(this.refundRetryAt).toISOString() });
  }

  /** Waits for notification activities still in flight (old path) before the workflow completes. */
  async flushNotifications(): Promise<void> {
    await Promise.all([...this.notifications.keys()]);
  }

  private context(): DecisionContext {
    return { now: new Date().toISOString(), order: this.input.order, policy: this.input.policy };
  }

  private remembered(commandId: string): RememberedCommand | undefined {
    return this.recentCommands.find((entry) => entry.commandId === commandId);
  }

  private remember(entry: RememberedCommand): void {
    this.recentCommands = [...this.recentCommands.slice(-(REMEMBERED_COMMANDS - 1)), entry];
  }

  private envelope(event: DisputeEvent, sequence: number, envelope: CommandEnvelope, now: string): RecordedEventInput {
    return {
      sequence,
      type: event.type,
      payload: event.data,
      actor: envelope.command.actor,
      occurredAt: now,
      commandId: envelope.commandId,
      schemaVersion: DISPUTE_EVENT_SCHEMA_VERSION,
    };
  }

  private appendInput(events: RecordedEventInput[], next: DisputeState, now: string, notifications: NotificationInput[] | undefined): AppendEventsInput {
    const order = this.input.order;
    return {
      disputeId: this.input.disputeId,
      events,
      ...(notifications ? { notifications } : {}),
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

  /** One notification per party (and the assigned mediator) of the dispute as the batch leaves it. */
  private notificationsFor(recorded: RecordedEventInput[], next: DisputeState): NotificationInput[] {
    const last = recorded[recorded.length - 1];
    const recipients = new Set([this.input.order.buyerId, this.input.order.sellerId, next.mediation?.mediatorId].filter((id): id is string => !!id));
    return [...recipients].map((accountId) => ({ accountId, disputeId: this.input.disputeId, sequence: last.sequence, eventTypes: recorded.map((event) => event.type), status: next.status, occurredAt: last.occurredAt }));
  }

  /** Old path: one activity per notification, not awaited by the command. */
  private deliver(notification: NotificationInput): void {
    const delivery = notifier
      .deliverNotification(notification)
      .catch((error: unknown) => log.warn('Notification given up', { accountId: notification.accountId, sequence: notification.sequence, error: String(error) }))
      .finally(() => this.notifications.delete(delivery));
    this.notifications.set(delivery, notification);
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
