import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { disputeWorkflowId } from '../../libs/contracts/src';
import { eventually } from './commands';

// What a dispute workflow's Temporal history shows, for checks that something did NOT happen:
// instead of sleeping past a window and looking, a test reads whether the timer was cancelled,
// fired, or is still waiting, and for how long it was set; which activities the workflow
// scheduled, and which patch markers it recorded.

export type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** The activity types the events schedule, in order. */
export const scheduledActivitiesOf = (events: HistoryEvent[]): string[] => events.flatMap((event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? []);

/** The patch ids of the markers the events record, in order (each marker's `patch-data` payload). */
export const patchIdsOf = (events: HistoryEvent[]): string[] =>
  events.flatMap((event) => event.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.map((payload) => JSON.parse(Buffer.from(payload.data!).toString()).id as string) ?? []);

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
  await untilIdle(client, disputeId);
  return timersOf(client, disputeId);
}

/** The history of the dispute's workflow once it has no task or activity outstanding. */
export async function historyOnceIdle(client: Client, disputeId: string): Promise<HistoryEvent[]> {
  await untilIdle(client, disputeId);
  return (await client.workflow.getHandle(disputeWorkflowId(disputeId)).fetchHistory()).events ?? [];
}

async function untilIdle(client: Client, disputeId: string): Promise<void> {
  const handle = client.workflow.getHandle(disputeWorkflowId(disputeId));
  await eventually(
    async () => (await handle.describe()).raw,
    (raw) => !raw.pendingWorkflowTask && (raw.pendingActivities ?? []).length === 0,
  );
}
