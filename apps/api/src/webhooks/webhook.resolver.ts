import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { WebhookDelivery as StoredDelivery, WebhookEndpoint as StoredEndpoint } from '../../../../libs/persistence/src';
import { requireViewer } from '../auth/require-viewer';
import type { RequestContext, Viewer } from '../auth/viewer';
import { WEBHOOK_ENDPOINTS } from '../api.tokens';
import { ApiError } from '../graphql/errors';
import { decodeCursor, encodeCursor, page, pageSize } from '../graphql/pagination';
import type { WebhookEndpoints } from './webhook-endpoints';
import {
  RedeliverWebhookInput,
  RegisterWebhookEndpointInput,
  RemoveWebhookEndpointInput,
  RotateWebhookSecretInput,
  UpdateWebhookEndpointInput,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from './webhook.types';

/** Accounts that receive notifications (and SYSTEM, for platform-wide endpoints); auditors receive none. */
const MANAGERS = ['BUYER', 'SELLER', 'MEDIATOR', 'SYSTEM'] as const;

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  constructor(@Inject(WEBHOOK_ENDPOINTS) private readonly endpoints: WebhookEndpoints) {}

  @Query(() => [WebhookEndpoint], { description: 'Your webhook endpoints (SYSTEM: the platform-wide endpoints you registered).' })
  async webhookEndpoints(@Context() context: RequestContext): Promise<WebhookEndpoint[]> {
    return (await this.endpoints.list(this.viewer(context))).map(toEndpoint);
  }

  @Query(() => WebhookDeliveryConnection, { description: 'Deliveries to one of your endpoints, newest first: status, attempts, last error, times.' })
  async webhookDeliveries(
    @Args('endpointId', { type: () => ID }) endpointId: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Context() context: RequestContext,
  ): Promise<WebhookDeliveryConnection> {
    const viewer = this.viewer(context);
    const size = pageSize(first);
    const cursor = decodeCursor<[string, string]>(after, ['string', 'string']);
    // A cursor's time goes to a timestamptz comparison: only the ones this API prints pass.
    if (cursor && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(cursor[0])) throw new ApiError('VALIDATION', 'The cursor is not one this API handed out; pass endCursor from a previous page.', 'after');
    const rows = await this.endpoints.deliveries(viewer, endpointId, size + 1, cursor ? { createdAt: cursor[0], deliveryId: cursor[1] } : null);
    const connection = page(rows, size, (row) => encodeCursor([row.cursorTime, row.deliveryId]));
    return { edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: toDelivery(edge.node) })), pageInfo: connection.pageInfo };
  }

  @Mutation(() => WebhookEndpointWithSecret, { description: 'Registers a webhook endpoint for your notifications (SYSTEM: for every dispute\u2019s). Its secret is shown only in this answer.' })
  async registerWebhookEndpoint(@Args('input') input: RegisterWebhookEndpointInput, @Context() context: RequestContext): Promise<WebhookEndpointWithSecret> {
    const result = await this.endpoints.register(this.viewer(context), input, input.idempotencyKey);
    return { endpoint: toEndpoint(result.endpoint), secret: result.secret };
  }

  @Mutation(() => WebhookEndpoint, { description: 'Changes an endpoint\u2019s URL or event types, or pauses or resumes it.' })
  async updateWebhookEndpoint(@Args('input') input: UpdateWebhookEndpointInput, @Context() context: RequestContext): Promise<WebhookEndpoint> {
    return toEndpoint(await this.endpoints.update(this.viewer(context), input, input.idempotencyKey));
  }

  @Mutation(() => WebhookEndpoint, { description: 'Removes an endpoint (answers it as it was); its pending deliveries are given up, its log stays.' })
  async removeWebhookEndpoint(@Args('input') input: RemoveWebhookEndpointInput, @Context() context: RequestContext): Promise<WebhookEndpoint> {
    return toEndpoint(await this.endpoints.remove(this.viewer(context), input.endpointId, input.idempotencyKey));
  }

  @Mutation(() => WebhookEndpointWithSecret, { description: 'A new signing secret, shown only in this answer; the old one keeps signing too for the grace period.' })
  async rotateWebhookSecret(@Args('input') input: RotateWebhookSecretInput, @Context() context: RequestContext): Promise<WebhookEndpointWithSecret> {
    const result = await this.endpoints.rotate(this.viewer(context), input.endpointId, input.graceHours, input.idempotencyKey);
    return { endpoint: toEndpoint(result.endpoint), secret: result.secret };
  }

  @Mutation(() => WebhookDelivery, { description: 'Sends a delivered or failed delivery again (same delivery id, fresh retry budget).' })
  async redeliverWebhook(@Args('input') input: RedeliverWebhookInput, @Context() context: RequestContext): Promise<WebhookDelivery> {
    return toDelivery(await this.endpoints.redeliver(this.viewer(context), input.deliveryId, input.idempotencyKey));
  }

  private viewer(context: RequestContext): Viewer {
    return requireViewer(context, ...MANAGERS);
  }
}

function toEndpoint(endpoint: StoredEndpoint): WebhookEndpoint {
  return {
    id: endpoint.endpointId,
    url: endpoint.url,
    eventTypes: endpoint.eventTypes,
    paused: endpoint.paused,
    platform: endpoint.platform,
    previousSecretValidUntil: endpoint.previousSecretExpiresAt,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}

function toDelivery(delivery: StoredDelivery): WebhookDelivery {
  return {
    id: delivery.deliveryId,
    endpointId: delivery.endpointId,
    disputeId: delivery.disputeId,
    sequence: delivery.sequence,
    eventTypes: delivery.eventTypes,
    status: delivery.status,
    attempts: delivery.attempts,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt,
    lastAttemptAt: delivery.lastAttemptAt,
    nextAttemptAt: delivery.nextAttemptAt,
    deliveredAt: delivery.deliveredAt,
    redeliveries: delivery.redeliveries,
  };
}
