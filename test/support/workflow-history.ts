import type { Client } from '@temporalio/client';
import { disputeWorkflowId } from '../../libs/contracts/src';
import { eventually } from './commands';

// What a dispute workflow's Temporal history shows, for checks that something did NOT happen:
// instead of sleeping past a window and looking, a test reads whether the timer was cancelled,
// fired, or is still waiting, and for how long it was set.

export interface RecordedTimer {
  timerId: string;
  /** The delay the workflow asked for. */
  delayMs: number;
  /** Fired, cancelled by the workflow, or still waiting. */
  outcome: 'FIRED' | 'CANCELED' | 'PENDING';
}

/** The timers of the dispute workflow's current run, in the order the workflow started them. */
export async function timersOf(client: Client, disputeId: string): Promise<RecordedTimer[]> {
  const { events } = await client.workflow.getHandle(disputeWorkflowId(disputeId)).fetchHistory();
  const timers = new Map<string, RecordedTimer>();
  for (const event of events ?? []) {
    const started = event.timerStartedEventAttributes;
    if (started?.timerId) {
      const delay = started.startToFireTimeout;
      timers.set(started.timerId, { timerId: started.timerId, delayMs: Number(delay?.seconds ?? 0) * 1000 + Math.round((delay?.nanos ?? 0) / 1e6), outcome: 'PENDING' });
    }
    const closed = event.timerFiredEventAttributes ?? event.timerCanceledEventAttributes;
    const timer = closed?.timerId ? timers.get(closed.timerId) : undefined;
    if (timer) timer.outcome = event.timerFiredEventAttributes ? 'FIRED' : 'CANCELED';
  }
  return [...timers.values()];
}

/**
 * Waits until the workflow has no task or activity outstanding, so its history shows all that
 * the last change caused (the timers it started or cancelled), then returns its timers.
 */
export async function timersOnceIdle(client: Client, disputeId: string): Promise<RecordedTimer[]> {
  const handle = client.workflow.getHandle(disputeWorkflowId(disputeId));
  await eventually(
    async () => (await handle.describe()).raw,
    (raw) => !raw.pendingWorkflowTask && (raw.pendingActivities ?? []).length === 0,
  );
  return timersOf(client, disputeId);
}
