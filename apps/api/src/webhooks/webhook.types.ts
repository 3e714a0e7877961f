import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfo } from '../graphql/pagination';

export const WebhookDeliveryStatusEnum = { PENDING: 'PENDING', HELD: 'HELD', RETRYING: 'RETRYING', DELIVERED: 'DELIVERED', FAILED: 'FAILED' } as const;
registerEnumType(WebhookDeliveryStatusEnum, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING: not tried yet; HELD: waiting while the endpoint is paused; RETRYING: failed, tried again later; DELIVERED: answered 2xx; FAILED: given up after the retry budget (redeliver to try again).',
});

@ObjectType({ description: 'Where dispute notifications are POSTed, signed. The secret is never shown again after registration or rotation.' })
export class WebhookEndpoint {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field(() => [String], { nullable: true, description: 'The event types it receives; null: every event type.' })
  eventTypes: string[] | null;

  @Field({ description: 'Paused: deliveries are held (kept, not sent) until it is resumed.' })
  paused: boolean;

  @Field({ description: 'Registered by a SYSTEM account: receives every dispute\u2019s events.' })
  platform: boolean;

  @Field(() => String, { nullable: true, description: 'Until when the secret before the last rotation still signs deliveries (as a second v1).' })
  previousSecretValidUntil: string | null;

  @Field()
  createdAt: string;

  @Field()
  updatedAt: string;
}

@ObjectType({ description: 'An endpoint with its signing secret, shown this once.' })
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpoint)
  endpoint: WebhookEndpoint;

  @Field({ description: 'The HMAC-SHA256 signing secret. Store it now: it is not shown again.' })
  secret: string;
}

@ObjectType({ description: 'One notification to one endpoint, with its attempts.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The x-dispute-delivery-id header receivers dedupe on.' })
  id: string;

  @Field(() => ID)
  endpointId: string;

  @Field(() => ID)
  disputeId: string;

  @Field(() => Int, { description: 'The sequence of the last event the notification covers.' })
  sequence: number;

  @Field(() => [String])
  eventTypes: string[];

  @Field(() => WebhookDeliveryStatusEnum)
  status: keyof typeof WebhookDeliveryStatusEnum;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field()
  createdAt: string;

  @Field(() => String, { nullable: true })
  lastAttemptAt: string | null;

  @Field(() => String, { nullable: true })
  nextAttemptAt: string | null;

  @Field(() => String, { nullable: true })
  deliveredAt: string | null;

  @Field(() => Int, { description: 'How often an owner asked to send it again.' })
  redeliveries: number;
}

@ObjectType()
export class WebhookDeliveryEdge {
  @Field()
  cursor: string;

  @Field(() => WebhookDelivery)
  node: WebhookDelivery;
}

@ObjectType({ description: 'An endpoint\u2019s deliveries, newest first.' })
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryEdge])
  edges: WebhookDeliveryEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@InputType({ isAbstract: true })
abstract class WebhookMutationInput {
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result and changes nothing more.' })
  idempotencyKey?: string | null;
}

@InputType()
export class RegisterWebhookEndpointInput extends WebhookMutationInput {
  @Field({ description: 'https (or http to a loopback address outside production); no redirects are followed.' })
  url: string;

  @Field(() => [String], { nullable: true, description: 'Event types to receive (the rulebook\u2019s, e.g. DisputeOpened); leave out for every event type.' })
  eventTypes?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Register it paused (deliveries held until resumed). Default false.' })
  paused?: boolean | null;
}

@InputType()
export class UpdateWebhookEndpointInput extends WebhookMutationInput {
  @Field(() => ID)
  endpointId: string;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => [String], { nullable: true, description: 'Receive only these event types from now on.' })
  eventTypes?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: receive every event type (instead of eventTypes).' })
  allEventTypes?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true pauses (deliveries held), false resumes (held deliveries go out, oldest first).' })
  paused?: boolean | null;
}

@InputType()
export class RemoveWebhookEndpointInput extends WebhookMutationInput {
  @Field(() => ID)
  endpointId: string;
}

@InputType()
export class RotateWebhookSecretInput extends WebhookMutationInput {
  @Field(() => ID)
  endpointId: string;

  @Field(() => Int, { nullable: true, description: 'Hours the old secret keeps signing deliveries beside the new one (0 to 168; default 24).' })
  graceHours?: number | null;
}

@InputType()
export class RedeliverWebhookInput extends WebhookMutationInput {
  @Field(() => ID, { description: 'A delivered or failed delivery of one of your endpoints.' })
  deliveryId: string;
}
