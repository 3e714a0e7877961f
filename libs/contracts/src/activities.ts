import type { Actor } from '../../domain/src';

/** An event as the workflow hands it to the store: the domain event plus its envelope. */
export interface RecordedEventInput {
  sequence: number;
  type: string;
  payload: unknown;
  actor: Actor;
  occurredAt: string;
  commandId: string | null;
  schemaVersion: number;
}

export interface AppendEventsInput {
  disputeId: string;
  events: RecordedEventInput[];
  projection: {
    orderId: string;
    buyerId: string;
    sellerId: string;
    status: string;
    reason: string;
    version: number;
    state: unknown;
    nextDeadlineAt: string | null;
    openedAt: string;
    updatedAt: string;
  };
}

export interface AppendEventsResult {
  headSequence: number;
  headHash: string;
  inserted: number;
}

/** The activities the dispute workflow calls; implemented in apps/worker. */
export interface DisputeActivities {
  appendEvents(input: AppendEventsInput): Promise<AppendEventsResult>;
}
