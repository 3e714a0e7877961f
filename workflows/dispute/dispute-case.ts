import { ApplicationFailure, log, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import { CURRENT_RULEBOOK, decide, evolve, pendingDeadlines, projectionOf, withoutPolicy, type Deadline, type DecisionContext, type DisputeState } from '../../libs/domain/src';
import {
  EVENT_SEQUENCE_CONFLICT,
  RUN_ROLLOVER,
  type AppendEventsInput,
  type ChainHead,
  type CommandEnvelope,
  type CommandResult,
  type DisputeActivities,
  type DisputeWorkflowInput,
  type NotificationInput,
  type RecordedEventInput,
  type StoredEventsAfter,
} from '../../libs/contracts/src';
import { notificationsFor, publishSearchAttributes, recordedEvent } from './batch';
import { citationContext } from './catalog-facts';
import { isCommandEnvelope, rejectionFailure } from './envelope';
import { SignalDoor } from './signals';
import { LegacyNotifications, NOTIFICATION_OUTBOX } from './legacy-notifications';
import { remembering, type DisputeMemory, type RememberedCommand } from './memory';
import { RefundSaga } from './refund-saga';
import { patchInEffect } from './patches';
import { COMMAND_IN_ONE_TASK, DEADLINE_IN_ONE_TASK, OPENING_IN_ONE_TASK, caughtUp, deadlineCommandId, isDeadlineCommand, isSequenceConflict } from './appends-in-task';

// Appending is retried until it succeeds: the decision is already made and the history
// must catch up with it. Only a conflicting event at a taken sequence is hopeless. A batch is
// stored by a local activity, inside the workflow task that decided it (appends-in-task.ts); that
// task can still fail, and the retried one catches up with what it stored. Histories recorded
// before those patches replay the regular activity (`store`), which also reads the store ahead.
const APPEND_RETRY = { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds', nonRetryableErrorTypes: [EVENT_SEQUENCE_CONFLICT] };
const store = proxyActivities<DisputeActivities>({ startToCloseTimeout: '30 seconds', retry: APPEND_RETRY });
const storeInTask = proxyLocalActivities<DisputeActivities>({ startToCloseTimeout: '30 seconds', retry: APPEND_RETRY });

/**
 * Since this patch commands are decided by the second edition of the rulebook (docs/rulebook.md):
 * settling at any stage, release, reassignment and extensions, replacement and return sub-flows,
 * currencies with their own minor units. Histories recorded before it decided by the first, and
 * replaying them must produce the same events. Deprecated like the others (docs/versioning.md).
 */
const RULEBOOK_V2 = 'rulebook-v2';

/** At most this many commands are stored by one append. */
const MAX_BATCH = 100;

interface QueuedCommand {
  envelope: CommandEnvelope;
  resolve(result: CommandResult): void;
  reject(error: unknown): void;
}

/** The dispute as its workflow holds it: folded state plus the single-writer command path. */
export class DisputeCase {
  state: DisputeState;
  recentCommands: RememberedCommand[];
  readonly signals: SignalDoor;
  readonly refunds: RefundSaga;
  /** Set once this run is handing over to the next: new Updates are refused (and retried by clients). */
  closingRun = false;
  /** Updates accepted in this run; Temporal bounds them per run, so the run rolls over before that. */
  updatesThisRun = 0;
  /** Set when the history refused this workflow's events; the workflow then stops. */
  storeFailure: unknown = null;
  /** What this run last stored, for answers that carry the row (CommandResult.head); a new run starts without. */
  private head: ChainHead | null = null;
  private queue: QueuedCommand[] = [];
  private draining = false;
  /** Old path only (see NOTIFICATION_OUTBOX). */
  readonly legacyNotifications: LegacyNotifications;

  constructor(
    private readonly input: DisputeWorkflowInput,
    memory: DisputeMemory,
  ) {
    this.state = memory.state;
    this.recentCommands = memory.recentCommands;
    this.signals = new SignalDoor((envelope) => this.execute(envelope), memory.rejectedSignals);
    this.refunds = new RefundSaga({ disputeId: input.disputeId, orderId: input.order.orderId }, () => this.state, (envelope) => this.execute(envelope), memory);
    this.legacyNotifications = new LegacyNotifications(memory.undeliveredNotifications);
  }

  get opened(): boolean {
    return this.state.status !== 'NONE';
  }

  /** A batch's append is in flight. */
  get storing(): boolean {
    return this.draining;
  }

  memory(): DisputeMemory {
    return {
      state: this.state,
      recentCommands: this.recentCommands,
      rejectedSignals: this.signals.refused,
      ...this.refunds.memory(),
      undeliveredNotifications: this.legacyNotifications.undelivered(),
    };
  }

  /** Update validator: synchronous, so a rejected command never reaches the history. */
  validate(envelope: unknown): void {
    if (this.closingRun) throw ApplicationFailure.create({ type: RUN_ROLLOVER, message: 'The dispute is moving to a fresh workflow run; send the same command again in a moment.', nonRetryable: true });
    if (!isCommandEnvelope(envelope)) throw rejectionFailure({ code: 'VALIDATION', message: 'A command needs a type, an actor with a role and an id, data and a command id.' });
    if (this.remembered(envelope.commandId)) return;
    // While a batch's append is in flight the store, and the projection clients read, can be ahead
    // of this.state: the activity has written, and its completion reaches the workflow after this
    // Update (Temporal hands the Update over first). A refusal now could contradict what the
    // client just read, so the handler decides it, after that batch, like any queued command.
    if (this.draining) return;
    // Validators run only live, never on replay, so the citation rule always applies here.
    const decision = decide(envelope.command, this.state, { ...this.context(), evidenceFiles: envelope.evidenceFiles ?? [] });
    if (!decision.ok) throw rejectionFailure(decision.rejection);
  }

  /** An accepted Update: counted toward the run's bound, then executed like any command. */
  executeUpdate(envelope: CommandEnvelope): Promise<CommandResult> {
    this.updatesThisRun += 1;
    return this.execute(envelope);
  }

  /**
   * Queues a command and settles it once its events are stored. Commands are decided one by
   * one, in arrival order, against the state as the earlier ones left it (the state may have
   * moved since validation); every command waiting while an append runs is stored by the next
   * single append (group commit), so a busy dispute needs far fewer activities than commands.
   */
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
    // Decided in the batch, never in the validator (which may not record a marker): replaying a
    // batch recorded before the patch decides it by the rulebook of its time.
    const context: DecisionContext = { ...this.context(), rulebook: patchInEffect(RULEBOOK_V2) ? CURRENT_RULEBOOK : 1 };
    // Only the batch that opens the dispute creates its row, so only it sends the pinned policy.
    const opening = !this.opened;
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
      const decision = decide(command.envelope.command, next, { ...context, ...citationContext(command.envelope) });
      if (!decision.ok) {
        command.reject(rejectionFailure(decision.rejection));
        continue;
      }
      const events = decision.events.map((event, index) => recordedEvent(event, next.version + index + 1, command.envelope, context.now));
      next = decision.events.reduce(evolve, next);
      recorded.push(...events);
      const entry = { commandId, recordedSequences: events.map((event) => event.sequence) };
      answered.push(entry);
      accepted.push({ command, sequences: entry.recordedSequences });
    }
    if (recorded.length > 0) {
      const notifications = notificationsFor(this.input.disputeId, this.input.order, recorded, next);
      // Decided before the append, whose input then carries the notifications, so each batch is
      // announced by exactly one path; a replayed pre-outbox history answers false here.
      const viaOutbox = patchInEffect(NOTIFICATION_OUTBOX);
      const input = this.appendInput(recorded, next, context.now, viaOutbox ? notifications : undefined, opening);
      try {
        const stored = await (this.inTask(batch, opening) ? storeInTask : store).appendEvents(input);
        this.head = { version: next.version, hash: stored.headHash, at: context.now };
      } catch (error) {
        if (isSequenceConflict(error) && (await this.catchUp())) {
          // The accepted commands are decided again, in the same order, on the state the store
          // holds; a refusal already sent stands (it was true of the state this run knew).
          this.queue.unshift(...accepted.map(({ command }) => command));
          return;
        }
        for (const { command } of accepted) command.reject(error);
        throw error;
      }
      this.state = next;
      for (const entry of answered) this.remember(entry);
      publishSearchAttributes(this.input.order, this.state);
      if (!viaOutbox) for (const notification of notifications) this.legacyNotifications.deliver(notification);
    }
    // The head only when it is this state's: a run that has stored nothing yet (after a
    // continue-as-new) does not know it, and the API then reads the row.
    const head = this.head?.version === this.state.version ? { head: this.head } : {};
    // Answers leave the pinned policy out: the API read it with the state before sending. An
    // opening's answer keeps it, since the API pinned a policy only for a workflow it started
    // (a repeated opening reaches the one already running, whose policy may be older).
    const sent = withoutPolicy(this.state);
    for (const { command, sequences } of accepted) {
      const state = command.envelope.command.type === 'OpenDispute' ? this.state : sent;
      command.resolve({ disputeId: this.input.disputeId, recordedSequences: sequences, state, ...head });
    }
  }

  /** The earliest pending deadline if it is due at `now`, else null. */
  dueDeadline(now: number): Deadline | null {
    const deadline = pendingDeadlines(this.state)[0];
    return deadline && Date.parse(deadline.dueAt) <= now ? deadline : null;
  }

  /**
   * A deadline's command goes through decide like any other; a refusal means the deadline became
   * moot. The body calls it only when `dueDeadline` names one: most wake-ups are a command's, and
   * an async call costs promises the SDK records a stack for.
   */
  async fireDeadline(deadline: Deadline): Promise<void> {
    try {
      await this.execute({ command: deadline.command, commandId: deadlineCommandId(deadline) });
    } catch (error) {
      // A storage failure (a local append's conflict arrives unwrapped): the workflow body raises it.
      if (!(error instanceof ApplicationFailure) || isSequenceConflict(error)) return;
      log.warn('Deadline command refused', { kind: deadline.kind, dueAt: deadline.dueAt, code: error.type, reason: error.message });
    }
  }

  /**
   * Whether the batch is stored in the workflow task that decided it (appends-in-task.ts): every
   * batch since `command-in-one-task`; before it, a deadline's command alone or the opening alone.
   */
  private inTask(batch: QueuedCommand[], opening: boolean): boolean {
    if (patchInEffect(COMMAND_IN_ONE_TASK)) return true;
    if (batch.length !== 1) return false;
    if (isDeadlineCommand(batch[0].envelope.commandId)) return patchInEffect(DEADLINE_IN_ONE_TASK);
    return opening && batch[0].envelope.command.type === 'OpenDispute' && patchInEffect(OPENING_IN_ONE_TASK);
  }

  /**
   * After a conflict: adopts the events a failed workflow task's local append stored ahead of
   * this state (appends-in-task.ts). False when there are none, or they do not continue it.
   */
  private async catchUp(): Promise<boolean> {
    return this.adopt(await store.storedEventsAfter(this.input.disputeId, this.state.version));
  }

  /**
   * A run that never saw its opening stored (the grace ran out with no command in hand) looks in
   * the store before it concludes the opening was refused: a first task that stored the opening by
   * its local append and then failed may have lost its Update (the Temporal server fails the
   * Updates of a task that keeps failing). Whatever is stored for the dispute is this workflow's.
   */
  async adoptStoredOpening(): Promise<boolean> {
    if (!patchInEffect(OPENING_IN_ONE_TASK)) return false;
    return this.adopt(await store.storedEventsAfter(this.input.disputeId, 0));
  }

  private adopt(ahead: StoredEventsAfter): boolean {
    const caught = caughtUp(this.state, ahead.events);
    if (caught === null) return false;
    log.warn('Caught up with events a failed workflow task stored', { from: this.state.version + 1, to: caught.state.version });
    this.state = caught.state;
    for (const entry of caught.commands) this.remember(entry);
    this.head = { version: caught.state.version, hash: ahead.headHash!, at: ahead.events[ahead.events.length - 1].occurredAt };
    publishSearchAttributes(this.input.order, this.state);
    return true;
  }

  private context(): DecisionContext {
    return { now: new Date().toISOString(), order: this.input.order, policy: this.input.policy };
  }

  private remembered(commandId: string): RememberedCommand | undefined {
    return this.recentCommands.find((entry) => entry.commandId === commandId);
  }

  private remember(entry: RememberedCommand): void {
    this.recentCommands = remembering(this.recentCommands, entry);
  }

  /** After the opening the stored row keeps the pinned policy, so the projection goes without it (half the state's bytes). */
  private appendInput(events: RecordedEventInput[], next: DisputeState, now: string, notifications: NotificationInput[] | undefined, opening: boolean): AppendEventsInput {
    const projection = projectionOf(next, now);
    const sent = opening ? projection : { ...projection, state: withoutPolicy(next) };
    return { disputeId: this.input.disputeId, events, ...(notifications ? { notifications } : {}), projection: sent };
  }
}
