import { createHmac } from 'node:crypto';
import { notificationDeliveryId, type NotificationInput } from '../../../../libs/contracts/src';
import type { NotificationEndpoint } from '../../../../libs/persistence/src';

export const SIGNATURE_HEADER = 'x-dispute-signature';
export const DELIVERY_ID_HEADER = 'x-dispute-delivery-id';

/**
 * Stripe-style signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. Receivers
 * recompute it with their secret and reject stale timestamps to stop replays.
 */
export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export class WebhookDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

/** POSTs one signed notification; any answer but 2xx throws so the caller (activity or outbox dispatcher) retries with backoff. */
export async function deliverWebhook(endpoint: NotificationEndpoint, notification: NotificationInput, now: Date, timeoutMs: number): Promise<void> {
  const deliveryId = notificationDeliveryId(notification);
  const body = JSON.stringify({
    id: deliveryId,
    disputeId: notification.disputeId,
    sequence: notification.sequence,
    eventTypes: notification.eventTypes,
    status: notification.status,
    occurredAt: notification.occurredAt,
  });
  const timestamp = Math.floor(now.getTime() / 1000);
  const response = await fetch(endpoint.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature(endpoint.secret, timestamp, body), [DELIVERY_ID_HEADER]: deliveryId },
    body,
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  }).catch((error: unknown) => {
    throw new WebhookDeliveryError(`POST ${endpoint.url} failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  await response.body?.cancel();
  if (response.status < 200 || response.status >= 300) throw new WebhookDeliveryError(`POST ${endpoint.url} answered ${response.status}`);
}
