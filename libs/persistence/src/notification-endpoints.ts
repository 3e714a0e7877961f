import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { deliveryTargetsOfAccount, type DeliveryTarget } from './webhooks/delivery-targets-of-account';
import { insertWebhookEndpoint } from './webhooks/insert-webhook-endpoint';
import type { WebhookEndpoint } from './webhooks/webhook-endpoint-row';

export interface NotificationEndpoint {
  accountId: string;
  url: string;
  /** Shared secret for the HMAC-SHA256 signature of each delivery. */
  secret: string;
}

/**
 * An account's endpoints for every event type, as the tests and scripts that predate the
 * endpoint mutations set them up (the API checks URLs; this does not, so it is not for callers
 * with untrusted input). Each call adds an endpoint.
 */
export class NotificationEndpointStore {
  constructor(private readonly dataSource: DataSource) {}

  register(endpoint: NotificationEndpoint): Promise<WebhookEndpoint> {
    return insertWebhookEndpoint(this.dataSource, { endpointId: randomUUID(), ownerId: endpoint.accountId, platform: false, url: endpoint.url, eventTypes: null, paused: false, secret: endpoint.secret });
  }

  targetsOf(accountId: string, eventTypes: readonly string[]): Promise<DeliveryTarget[]> {
    return deliveryTargetsOfAccount(this.dataSource, accountId, eventTypes);
  }
}
