import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import type { OrderRecord, OrderStore, PolicyStore } from '../../../../libs/persistence/src';
import { requireViewer } from '../auth/require-viewer';
import type { RequestContext } from '../auth/viewer';
import { DEFAULT_POLICY_LINE } from '../../../../libs/domain/src';
import { ApiError } from '../graphql/errors';
import { ORDER_STORE, POLICY_STORE } from '../api.tokens';
import { parseOrderInput } from './order-input';
import { toOrderLines } from './order-lines';
import { Order, RegisterOrderInput } from './order.types';

@Resolver(() => Order)
export class OrderResolver {
  constructor(
    @Inject(ORDER_STORE) private readonly orders: OrderStore,
    @Inject(POLICY_STORE) private readonly policies: PolicyStore,
  ) {}

  @Mutation(() => Order, { description: 'The marketplace order feed registers or updates an order (SYSTEM only).' })
  async registerOrder(@Args('input') input: RegisterOrderInput, @Context() context: RequestContext): Promise<Order> {
    requireViewer(context, 'SYSTEM');
    const order = parseOrderInput(input);
    // A line is usable once a version of it is published; an order on any other line could never open a dispute.
    if (order.policyLine && !(await this.policies.current(order.policyLine))) {
      throw new ApiError('VALIDATION', `No policy has been published on line "${order.policyLine}"; an administrator publishes one first (publishPolicy or npm run policy:publish).`, 'policyLine');
    }
    return toOrder(await this.orders.register(order));
  }

  @Query(() => Order, { description: 'An order you bought or sold (auditors and the order feed see all).' })
  async order(@Args('id', { type: () => ID }) id: string, @Context() context: RequestContext): Promise<Order> {
    const viewer = requireViewer(context);
    const order = await this.orders.find(id);
    const visible =
      order !== null &&
      (viewer.role === 'AUDITOR' || viewer.role === 'SYSTEM' || (viewer.role === 'BUYER' && viewer.id === order.buyerId) || (viewer.role === 'SELLER' && viewer.id === order.sellerId));
    if (!order || !visible) throw new ApiError('NOT_FOUND', `No order ${id} exists that you can see.`, 'id');
    return toOrder(order);
  }
}

function toOrder(order: OrderRecord): Order {
  const money = (amountMinor: number) => ({ amountMinor, currency: order.currency });
  return {
    id: order.orderId,
    buyerId: order.buyerId,
    sellerId: order.sellerId,
    amountPaid: money(order.amountPaidMinor),
    amountRefundedMinor: order.amountRefundedMinor,
    amountRefunded: money(order.amountRefundedMinor),
    lines: toOrderLines(order.lines ?? []),
    shippedAt: order.shippedAt,
    deliveryDeadlineAt: order.deliveryDeadlineAt,
    deliveredAt: order.deliveredAt,
    returnAddress: order.returnAddress ?? null,
    policyLine: order.policyLine ?? DEFAULT_POLICY_LINE,
  };
}
