/** Where a delivery stands, as its owner sees it in the delivery log. */
export type WebhookDeliveryStatus = 'PENDING' | 'HELD' | 'RETRYING' | 'DELIVERED' | 'FAILED';

/** One outbox row as the delivery log shows it. */
export interface WebhookDelivery {
  /** The `x-dispute-delivery-id` receivers dedupe on. */
  deliveryId: string;
  endpointId: string;
  disputeId: string;
  sequence: number;
  eventTypes: string[];
  status: WebhookDeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  redeliveries: number;
  /** The sort key, microseconds intact (the log pages on it). */
  cursorTime: string;
}

export interface WebhookDeliveryRow {
  delivery_id: string;
  endpoint_id: string;
  dispute_id: string;
  payload: { sequence: number; eventTypes: string[] };
  attempts: number;
  last_error: string | null;
  created_at: Date;
  cursor_time: string;
  last_attempt_at: Date | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  redeliveries: number;
  paused: boolean | null;
}

export const DELIVERY_COLUMNS = `outbox.delivery_id, outbox.endpoint_id, outbox.dispute_id, outbox.payload, outbox.attempts, outbox.last_error,
  outbox.created_at, to_char(outbox.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_time,
  outbox.last_attempt_at, outbox.next_attempt_at, outbox.delivered_at, outbox.redeliveries, endpoint.paused`;

function statusOf(row: WebhookDeliveryRow): WebhookDeliveryStatus {
  if (row.delivered_at) return 'DELIVERED';
  if (!row.next_attempt_at) return 'FAILED';
  if (row.paused) return 'HELD';
  return row.attempts === 0 ? 'PENDING' : 'RETRYING';
}

export function toWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    deliveryId: row.delivery_id,
    endpointId: row.endpoint_id,
    disputeId: row.dispute_id,
    sequence: row.payload.sequence,
    eventTypes: row.payload.eventTypes,
    status: statusOf(row),
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
    // A row being attempted right now has its lease as next_attempt_at; that is still when it is next due.
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    redeliveries: row.redeliveries,
    cursorTime: row.cursor_time,
  };
}
