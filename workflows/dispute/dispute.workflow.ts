import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { availableActions, isTerminal, initialState, pendingDeadlines, whoseTurn, type DisputeState } from '../../libs/domain/src';
import {
  SIGNAL_COMMAND_TYPES,
  availableActionsQuery,
  commandSignals,
  disputeStateQuery,
  executeCommandUpdate,
  pendingDeadlinesQuery,
  whoseTurnQuery,
  type DisputeWorkflowInput,
} from '../../libs/contracts/src';
import { STEADY_WAKE_TIMER, WakeAlarm } from './alarm';
import { DisputeCase } from './dispute-case';
import type { DisputeMemory } from './memory';
import { clearSearchAttributes } from './batch';
import { consolidatedPatches, patchInEffect } from './patches';

/** How long a workflow waits for its opening command before concluding it was refused. */
const OPENING_GRACE = '1 minute';
const DEFAULT_CONTINUE_AS_NEW_AFTER = 10_000;
/** Temporal accepts at most 2,000 Updates per run (limit.workflowExecution.maxTotalUpdates); roll over well before. */
const UPDATES_PER_RUN = 1_500;
const DEFAULT_REFUND_RETRY_DELAYS_MS = [60 * 60 * 1000, 6 * 60 * 60 * 1000, 24 * 60 * 60 * 1000];

/**
 * One dispute, from opening to closing. The body only waits: for the next deadline the
 * domain reports, for a command to change the state, for a refund to settle, or for a fresh
 * run when the history grows long. Every decision is the domain's `decide`, reached through
 * DisputeCase; the second argument carries the dispute across continue-as-new.
 */
export async function disputeWorkflow(input: DisputeWorkflowInput, carried?: DisputeMemory): Promise<DisputeState> {
  const dispute = new DisputeCase(input, carried ?? { state: initialState, recentCommands: [], rejectedSignals: 0, refundRetryAt: null, refundGivenUp: false });
  // Commands from the API are Updates: the caller learns the outcome, and a refused command
  // never enters the history. Signals carry the same commands for operators and services.
  setHandler(executeCommandUpdate, (envelope) => dispute.executeUpdate(envelope), { validator: (envelope) => dispute.validate(envelope) });
  for (const type of SIGNAL_COMMAND_TYPES) setHandler(commandSignals[type], (payload) => dispute.signals.receive(type, payload));
  setHandler(disputeStateQuery, () => dispute.state);
  setHandler(whoseTurnQuery, () => whoseTurn(dispute.state));
  setHandler(availableActionsQuery, (actor) => availableActions(dispute.state, actor, { now: new Date().toISOString(), order: input.order }));
  setHandler(pendingDeadlinesQuery, () => pendingDeadlines(dispute.state));

  // Decided once per run, before the run first waits, so a run recorded before the patch replays
  // its timers exactly; the next run takes the new path (docs/versioning.md).
  const steady = patchInEffect(STEADY_WAKE_TIMER);
  if (!(await openingStored(dispute, steady, input.tuning?.openingGraceMs ?? OPENING_GRACE)) && !(await dispute.adoptStoredOpening())) {
    if (consolidatedPatches()) clearSearchAttributes();
    return dispute.state;
  }

  const retryDelays = input.tuning?.refundRetryDelaysMs ?? DEFAULT_REFUND_RETRY_DELAYS_MS;
  const historyLimit = input.tuning?.continueAsNewAfterHistoryEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER;
  const timeForNewRun = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit || dispute.updatesThisRun >= UPDATES_PER_RUN;
  const alarm = steady ? new WakeAlarm() : null;

  for (;;) {
    if (dispute.refunds.ready(Date.now())) {
      await dispute.refunds.settle(retryDelays).catch((error: unknown) => {
        if (dispute.storeFailure === null) throw error;
      });
      if (dispute.storeFailure !== null) throw dispute.storeFailure;
      continue;
    }
    const wakeAt = nextWake(dispute);
    if (wakeAt === null && isTerminal(dispute.state)) {
      alarm?.set(null); // a closed case keeps no timer that would wake it while its handlers finish
      break;
    }
    const version = dispute.state.version;
    const changed = () => dispute.state.version !== version || timeForNewRun() || dispute.storeFailure !== null;
    if (alarm) {
      alarm.set(wakeAt);
      // A change wakes the body only when it leaves the body something to do, the same things the
      // loop acts on. A message or an offer that leaves the next wake-up where it was costs no pass
      // (a pass is a call into the sandbox and a few promises), and issues no command either way.
      await condition(() => alarm.rang || timeForNewRun() || dispute.storeFailure !== null || (dispute.state.version !== version && changeNeedsBody(dispute, wakeAt)));
    } else {
      await condition(changed, wakeAt === null ? undefined : Math.max(wakeAt - Date.now(), 1));
    }
    if (dispute.storeFailure !== null) throw dispute.storeFailure;
    const due = dispute.dueDeadline(Date.now());
    if (due) await dispute.fireDeadline(due);
    if (timeForNewRun()) {
      // New Updates are refused from here (clients resend them to the next run), so the ones
      // in flight can finish. Notification activities still in flight (runs from before the
      // outbox) travel in the memory and are sent again; outbox rows need no carrying.
      dispute.closingRun = true;
      await condition(allHandlersFinished);
      return continueAsNew<typeof disputeWorkflow>(input, dispute.memory());
    }
  }
  // Closed: nothing can be accepted any more, so the handlers and deliveries left can finish.
  await dispute.legacyNotifications.flush();
  await condition(allHandlersFinished);
  return dispute.state;
}

/**
 * Whether the dispute's opening is stored. Update-with-start creates the workflow even when the
 * opening command is refused; such a workflow never records anything and ends after a grace
 * period. Since `steady-wake-timer` that grace timer is started only when it can matter: the
 * opening Update is handled in the workflow's first activation, after the body has started, so
 * once that activation's jobs have run an accepted opening is being stored and needs no timer,
 * and a run continued as new is opened already.
 */
async function openingStored(dispute: DisputeCase, steady: boolean, grace: string | number): Promise<boolean> {
  if (steady) {
    if (dispute.opened) return true;
    await condition(() => true);
    if (dispute.storing) {
      await condition(() => dispute.opened || dispute.storeFailure !== null);
      if (dispute.storeFailure !== null) throw dispute.storeFailure;
      return true;
    }
  }
  return condition(() => dispute.opened, grace);
}

/**
 * Whether the state as a command left it gives the body work: a deadline due now, a refund to
 * settle, a wake-up moment other than the one armed, or a closed case with nothing left to wait
 * for. Only after a change: a refused deadline command leaves its deadline due, and the alarm
 * (not a pass of the body) then tries it again, as before.
 */
function changeNeedsBody(dispute: DisputeCase, armedFor: number | null): boolean {
  const now = Date.now();
  if (dispute.dueDeadline(now) !== null || dispute.refunds.ready(now)) return true;
  const wakeAt = nextWake(dispute);
  return wakeAt !== armedFor || (wakeAt === null && isTerminal(dispute.state));
}

/** The earliest moment something must happen without a command: a deadline or a refund retry. */
function nextWake(dispute: DisputeCase): number | null {
  const deadline = pendingDeadlines(dispute.state)[0];
  const candidates = [deadline ? Date.parse(deadline.dueAt) : null, dispute.refunds.nextRetryAt()];
  const times = candidates.filter((time): time is number => time !== null);
  return times.length === 0 ? null : Math.min(...times);
}
