import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import type { OrderStore, PolicyStore } from '../../../../libs/persistence/src';
import { requireViewer } from '../auth/require-viewer';
import type { RequestContext } from '../auth/viewer';
import { Dispute } from '../disputes/dispute.types';
import { ApiError } from '../graphql/errors';
import { ORDER_FEED, ORDER_READER, ORDER_STORE, POLICY_STORE } from '../api.tokens';
import { requirePublishedLine } from './order-policy-line';
import { parseOrderInput } from './order-input';
import type { OrderFeed } from './order-feed';
import { DisputeEligibility, OrderConnection, OrderFilter, RegisterOrdersInput, RegisterOrdersResult } from './order-list.types';
import { toOrder, type OrderReader } from './order-reader';
import { Order, RegisterOrderInput } from './order.types';

/** My Orders reads them: a buyer their purchases, a seller their sales. */
export const ORDER_LIST_READERS = ['BUYER', 'SELLER'] as const;

@Resolver(() => Order)
export class OrderResolver {
  constructor(
    @Inject(ORDER_STORE) private readonly store: OrderStore,
    @Inject(POLICY_STORE) private readonly policies: PolicyStore,
    @Inject(ORDER_READER) private readonly reader: OrderReader,
    @Inject(ORDER_FEED) private readonly feed: OrderFeed,
  ) {}

  @Mutation(() => Order, { description: 'The marketplace order feed registers or updates an order (SYSTEM only).' })
  async registerOrder(@Args('input') input: RegisterOrderInput, @Context() context: RequestContext): Promise<Order> {
    requireViewer(context, 'SYSTEM');
    const order = parseOrderInput(input);
    await requirePublishedLine(this.policies, order);
    return toOrder(await this.store.register(order));
  }

  @Mutation(() => RegisterOrdersResult, {
    description: 'The order feed registers or updates a batch of orders (SYSTEM only): each is registered or refused on its own, and a refused one stores nothing.',
  })
  registerOrders(@Args('input') input: RegisterOrdersInput, @Context() context: RequestContext): Promise<RegisterOrdersResult> {
    const viewer = requireViewer(context, 'SYSTEM');
    return this.feed.register(viewer, input.orders, input.idempotencyKey);
  }

  @Query(() => Order, { description: 'An order you bought or sold (auditors and the order feed see all).' })
  async order(@Args('id', { type: () => ID }) id: string, @Context() context: RequestContext): Promise<Order> {
    const viewer = requireViewer(context);
    const order = await this.store.find(id);
    const visible =
      order !== null &&
      (viewer.role === 'AUDITOR' || viewer.role === 'SYSTEM' || (viewer.role === 'BUYER' && viewer.id === order.buyerId) || (viewer.role === 'SELLER' && viewer.id === order.sellerId));
    if (!order || !visible) throw new ApiError('NOT_FOUND', `No order ${id} exists that you can see.`, 'id');
    return toOrder(order);
  }

  @Query(() => OrderConnection, { description: 'My Orders: what you bought (BUYER) or sold (SELLER), newest placement first.' })
  orders(
    @Context() context: RequestContext,
    @Args('filter', { type: () => OrderFilter, nullable: true }) filter: OrderFilter | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<OrderConnection> {
    return this.reader.list(requireViewer(context, ...ORDER_LIST_READERS), filter, first, after);
  }

  @ResolveField(() => [Dispute], { description: 'The disputes on this order that you may see, latest first.' })
  disputes(@Parent() order: Order, @Context() context: RequestContext): Promise<Dispute[]> {
    return this.reader.disputes(requireViewer(context), order);
  }

  @ResolveField(() => DisputeEligibility, { description: 'Whether you can open a dispute on this order now (the rule openDispute enforces), and until when.' })
  disputeEligibility(@Parent() order: Order, @Context() context: RequestContext): Promise<DisputeEligibility> {
    return this.reader.eligibility(requireViewer(context), order, context);
  }
}
