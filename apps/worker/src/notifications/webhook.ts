import { notificationDeliveryId, type NotificationInput } from '../../../../libs/contracts/src';
import type { DeliveryTarget } from '../../../../libs/persistence/src';
import { DELIVERY_ID_HEADER, SIGNATURE_HEADER, signWebhook } from '../../../../libs/webhooks/src';
import { safePost, WebhookDeliveryError } from './safe-post';

export { DELIVERY_ID_HEADER, SIGNATURE_HEADER, WebhookDeliveryError };

export interface WebhookSendOptions {
  timeoutMs: number;
  /** Production URL rules (public https only); outside production plain http to loopback is allowed. */
  production: boolean;
}

/**
 * POSTs one signed notification; any answer but 2xx (a redirect included) throws so the caller
 * (outbox dispatcher, or the old activity) retries with backoff. Signed with every secret valid
 * now (the current one, then the previous one during a rotation's grace).
 */
export async function deliverWebhook(target: Pick<DeliveryTarget, 'url' | 'secrets'>, notification: NotificationInput, deliveryId: string, now: Date, options: WebhookSendOptions): Promise<void> {
  const body = JSON.stringify({
    id: deliveryId,
    disputeId: notification.disputeId,
    sequence: notification.sequence,
    eventTypes: notification.eventTypes,
    status: notification.status,
    occurredAt: notification.occurredAt,
  });
  const timestamp = Math.floor(now.getTime() / 1000);
  const status = await safePost(target.url, {
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(target.secrets, timestamp, body), [DELIVERY_ID_HEADER]: deliveryId },
    body,
    timeoutMs: options.timeoutMs,
    production: options.production,
  });
  if (status < 200 || status >= 300) throw new WebhookDeliveryError(`POST ${target.url} answered ${status}${status >= 300 && status < 400 ? ' (redirects are not followed)' : ''}`);
}

/** The id of an old-path (activity) delivery: per account, as before endpoints were managed. */
export const legacyDeliveryId = (notification: NotificationInput): string => notificationDeliveryId(notification);
