import type { HashedEventFields } from '../../chain/src';
import type { SentProjection, UploadedFile } from '../../domain/src';

/**
 * An event as the workflow hands it to the store: the domain event plus its envelope, i.e. the
 * hashed fields but the two the store supplies (the dispute, the chain link). One definition,
 * which the event store takes as its EventToAppend.
 */
export type RecordedEventInput = Omit<HashedEventFields, 'disputeId' | 'previousHash'>;

export interface AppendEventsInput {
  disputeId: string;
  events: RecordedEventInput[];
  /**
   * Who to tell about this batch (runs since the `notification-outbox` patch): written to the
   * notification outbox in the events' transaction, for the accounts with a webhook endpoint,
   * and delivered by the worker's dispatcher. Absent on the old path, where the workflow
   * schedules one deliverNotification activity per recipient instead.
   */
  notifications?: NotificationInput[];
  /**
   * The `disputes` row as the batch leaves the dispute (the domain's projectionOf). After the
   * opening batch its state lacks the pinned policy, which the stored row keeps (pinned-policy.ts).
   */
  projection: SentProjection;
}

export interface AppendEventsResult {
  headSequence: number;
  headHash: string;
  inserted: number;
}

/** A dispute's stored events after a sequence, as the workflow recorded them, and the hash of the last. */
export interface StoredEventsAfter {
  events: RecordedEventInput[];
  headHash: string | null;
}

export interface RefundRequest {
  /** Idempotency key: asking again with the same id returns the first outcome and moves no money. */
  refundId: string;
  disputeId: string;
  orderId: string;
  amountMinor: number;
  currency: string;
}

export type RefundOutcome = { status: 'SUCCEEDED'; providerReference: string } | { status: 'DECLINED'; reason: string };

/** One notification to one account: what changed on a dispute (never the content, which needs the API). */
export interface NotificationInput {
  accountId: string;
  disputeId: string;
  /** Sequence of the last event this notification covers; with the dispute id, the delivery's id. */
  sequence: number;
  eventTypes: string[];
  status: string;
  occurredAt: string;
}

export type NotificationResult = 'DELIVERED' | 'NO_ENDPOINT';

/**
 * The id receivers dedupe on. Every attempt of a notification, by the activity (old runs) or
 * the outbox dispatcher, carries the same one, so at-least-once delivery stays harmless.
 */
export function notificationDeliveryId(notification: Pick<NotificationInput, 'disputeId' | 'sequence' | 'accountId'>): string {
  return `${notification.disputeId}:${notification.sequence}:${notification.accountId}`;
}

/** The activities the dispute workflow calls; implemented in apps/worker. */
export interface DisputeActivities {
  appendEvents(input: AppendEventsInput): Promise<AppendEventsResult>;
  /**
   * The events stored after `afterSequence`: what a workflow task that failed after its local
   * append (a deadline's) left in the store, for the retried task to catch up with.
   */
  storedEventsAfter(disputeId: string, afterSequence: number): Promise<StoredEventsAfter>;
  executeRefund(input: RefundRequest): Promise<RefundOutcome>;
  deliverNotification(input: NotificationInput): Promise<NotificationResult>;
  /** The upload catalog's facts of these evidence ids (the ones it has), for commands that arrive as signals. */
  lookupEvidenceFiles(evidenceIds: string[]): Promise<UploadedFile[]>;
}
