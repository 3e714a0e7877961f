import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  countWebhookEndpoints,
  deleteWebhookEndpoint,
  findWebhookDelivery,
  findWebhookEndpoint,
  insertWebhookEndpoint,
  lockWebhookRequest,
  recordWebhookRequest,
  redeliverWebhook,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  webhookDeliveriesOfEndpoint,
  webhookEndpointsOfOwner,
  type EndpointOwner,
  type Queryable,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEndpointChange,
} from '../../../../libs/persistence/src';
import { checkWebhookUrl, MAX_ENDPOINTS_PER_OWNER, newSigningSecret, readEventTypes, readGraceHours, type RuleResult } from '../../../../libs/webhooks/src';
import type { Viewer } from '../auth/viewer';
import { ApiError } from '../graphql/errors';

const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface EndpointWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

export interface RegisterRequest {
  url: string;
  eventTypes?: string[] | null;
  paused?: boolean | null;
}

export interface UpdateRequest {
  endpointId: string;
  url?: string | null;
  eventTypes?: string[] | null;
  allEventTypes?: boolean | null;
  paused?: boolean | null;
}

/** An account manages the endpoints for its own notifications; a SYSTEM account the platform-wide ones it registered. */
export const ownerOf = (viewer: Viewer): EndpointOwner => ({ ownerId: viewer.id, platform: viewer.role === 'SYSTEM' });

function valid<T>(result: RuleResult<T>, field: string): T {
  if (!result.ok) throw new ApiError('VALIDATION', result.reason, field);
  return result.value;
}

/** JSON with sorted keys: jsonb gives a stored request back with its keys reordered. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : inner,
  );

const notFound = (endpointId: string) => new ApiError('NOT_FOUND', `No webhook endpoint ${endpointId.slice(0, 60)} exists that you manage.`, 'endpointId');

/**
 * The endpoint mutations and reads. Every input is checked before anything is stored; each
 * mutation runs in one transaction with its idempotency record, so a refusal stores nothing and
 * a retry with the same key returns the first answer (secrets included: the caller that lost the
 * reply to a registration still learns its secret).
 */
export class WebhookEndpoints {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: { production: boolean; defaultGraceHours: number },
  ) {}

  list(viewer: Viewer): Promise<WebhookEndpoint[]> {
    return webhookEndpointsOfOwner(this.dataSource, ownerOf(viewer));
  }

  register(viewer: Viewer, input: RegisterRequest, idempotencyKey: string | null | undefined): Promise<EndpointWithSecret> {
    const url = this.checkedUrl(input.url);
    const eventTypes = input.eventTypes === undefined || input.eventTypes === null ? null : valid(readEventTypes(input.eventTypes), 'eventTypes');
    return this.mutate(viewer, idempotencyKey, 'registerWebhookEndpoint', { url, eventTypes, paused: input.paused ?? false }, async (db, owner) => {
      if ((await countWebhookEndpoints(db, owner)) >= MAX_ENDPOINTS_PER_OWNER) {
        throw new ApiError('INVALID_STATE', `You have ${MAX_ENDPOINTS_PER_OWNER} webhook endpoints, the most an account may have; remove one first.`, 'url');
      }
      const secret = newSigningSecret();
      const endpoint = await insertWebhookEndpoint(db, { ...owner, endpointId: randomUUID(), url, eventTypes, paused: input.paused ?? false, secret });
      return { endpoint, secret };
    });
  }

  update(viewer: Viewer, input: UpdateRequest, idempotencyKey: string | null | undefined): Promise<WebhookEndpoint> {
    const change: WebhookEndpointChange = {};
    if (input.url !== undefined && input.url !== null) change.url = this.checkedUrl(input.url);
    if (input.allEventTypes === true && input.eventTypes) throw new ApiError('VALIDATION', 'Give eventTypes or allEventTypes: true, not both.', 'allEventTypes');
    if (input.allEventTypes === false) throw new ApiError('VALIDATION', 'allEventTypes takes only true (to receive every event type); to narrow, list eventTypes.', 'allEventTypes');
    if (input.allEventTypes === true) change.eventTypes = null;
    else if (input.eventTypes !== undefined && input.eventTypes !== null) change.eventTypes = valid(readEventTypes(input.eventTypes), 'eventTypes');
    if (input.paused !== undefined && input.paused !== null) change.paused = input.paused;
    if (Object.keys(change).length === 0) throw new ApiError('VALIDATION', 'Nothing to change: give url, eventTypes, allEventTypes or paused.', 'endpointId');
    const endpointId = this.endpointId(input.endpointId);
    return this.mutate(viewer, idempotencyKey, 'updateWebhookEndpoint', { endpointId, change }, async (db, owner) => {
      if (!(await findWebhookEndpoint(db, owner, endpointId, true))) throw notFound(endpointId);
      return updateWebhookEndpoint(db, endpointId, change);
    });
  }

  remove(viewer: Viewer, rawEndpointId: string, idempotencyKey: string | null | undefined): Promise<WebhookEndpoint> {
    const endpointId = this.endpointId(rawEndpointId);
    return this.mutate(viewer, idempotencyKey, 'removeWebhookEndpoint', { endpointId }, async (db, owner) => {
      const endpoint = await findWebhookEndpoint(db, owner, endpointId, true);
      if (!endpoint) throw notFound(endpointId);
      await deleteWebhookEndpoint(db, endpointId);
      return endpoint;
    });
  }

  rotate(viewer: Viewer, rawEndpointId: string, graceHours: number | null | undefined, idempotencyKey: string | null | undefined): Promise<EndpointWithSecret> {
    const endpointId = this.endpointId(rawEndpointId);
    const grace = valid(readGraceHours(graceHours ?? this.rules.defaultGraceHours), 'graceHours');
    return this.mutate(viewer, idempotencyKey, 'rotateWebhookSecret', { endpointId, grace }, async (db, owner) => {
      if (!(await findWebhookEndpoint(db, owner, endpointId, true))) throw notFound(endpointId);
      const secret = newSigningSecret();
      return { endpoint: await rotateWebhookSecret(db, endpointId, secret, grace), secret };
    });
  }

  async deliveries(viewer: Viewer, rawEndpointId: string, limit: number, after: { createdAt: string; deliveryId: string } | null): Promise<WebhookDelivery[]> {
    const endpointId = this.endpointId(rawEndpointId);
    if (!(await findWebhookEndpoint(this.dataSource, ownerOf(viewer), endpointId))) throw notFound(endpointId);
    return webhookDeliveriesOfEndpoint(this.dataSource, endpointId, limit, after);
  }

  redeliver(viewer: Viewer, deliveryId: string, idempotencyKey: string | null | undefined): Promise<WebhookDelivery> {
    if (deliveryId.length === 0 || deliveryId.length > 200) throw new ApiError('VALIDATION', 'deliveryId must be 1 to 200 characters long.', 'deliveryId');
    return this.mutate(viewer, idempotencyKey, 'redeliverWebhook', { deliveryId }, async (db, owner) => {
      const delivery = await findWebhookDelivery(db, owner, deliveryId);
      if (!delivery) throw new ApiError('NOT_FOUND', `No delivery ${deliveryId.slice(0, 100)} to an endpoint you manage exists.`, 'deliveryId');
      if (delivery.status !== 'DELIVERED' && delivery.status !== 'FAILED') {
        throw new ApiError('INVALID_STATE', `Delivery ${deliveryId} is ${delivery.status.toLowerCase()}: it is still being sent; redeliver it once it is delivered or failed.`, 'deliveryId');
      }
      await redeliverWebhook(db, deliveryId);
      return (await findWebhookDelivery(db, owner, deliveryId))!;
    });
  }

  /** The URL as the WHATWG parser normalises it, when the rules allow it. */
  private checkedUrl(text: string): string {
    const checked = checkWebhookUrl(text, this.rules);
    if (!checked.ok) throw new ApiError('VALIDATION', checked.reason, 'url');
    return checked.url.toString();
  }

  /** Endpoint ids are UUIDs; anything else names no endpoint (and must not reach a uuid column). */
  private endpointId(raw: string): string {
    if (!UUID.test(raw)) throw notFound(raw);
    return raw.toLowerCase();
  }

  private async mutate<T>(viewer: Viewer, idempotencyKey: string | null | undefined, operation: string, request: unknown, work: (db: Queryable, owner: EndpointOwner) => Promise<T>): Promise<T> {
    if (idempotencyKey !== undefined && idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      throw new ApiError('VALIDATION', `The idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`, 'idempotencyKey');
    }
    const owner = ownerOf(viewer);
    return this.dataSource.transaction(async (manager) => {
      if (idempotencyKey === undefined || idempotencyKey === null) return work(manager, owner);
      const key = { role: viewer.role, accountId: viewer.id, idempotencyKey };
      const first = await lockWebhookRequest(manager, key);
      if (first) {
        if (first.operation !== operation || canonical(first.request) !== canonical(request)) {
          throw new ApiError('CONFLICT', 'This idempotencyKey was used for a different request; use a new key for a new request.', 'idempotencyKey');
        }
        return first.response as T;
      }
      const response = await work(manager, owner);
      await recordWebhookRequest(manager, key, { operation, request, response });
      return response;
    });
  }
}
