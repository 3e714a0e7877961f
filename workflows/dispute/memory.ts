import type { DisputeState } from '../../libs/domain/src';
import type { NotificationInput } from '../../libs/contracts/src';
import type { RefundMemory } from './refund-saga';

/** A command the dispute answered, so a retry with its id gets the same answer and records nothing. */
export interface RememberedCommand {
  commandId: string;
  recordedSequences: number[];
}

/** What a dispute carries from one run to the next (continue-as-new). */
export interface DisputeMemory extends RefundMemory {
  state: DisputeState;
  recentCommands: RememberedCommand[];
  rejectedSignals: number;
  /**
   * Notification activities still in flight when the previous run ended; sent again (receivers
   * dedupe by delivery id). Only runs that predate the notification outbox have any: the
   * outbox's rows outlive runs by themselves (legacy-notifications.ts).
   */
  undeliveredNotifications?: NotificationInput[];
}

/** How many recent command ids are remembered (and carried across continue-as-new) to answer retries. */
const REMEMBERED_COMMANDS = 500;

/** The remembered commands with `entry` added, the oldest forgotten beyond the bound. */
export const remembering = (commands: readonly RememberedCommand[], entry: RememberedCommand): RememberedCommand[] => [...commands.slice(-(REMEMBERED_COMMANDS - 1)), entry];
