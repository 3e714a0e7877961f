import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DisputeConnection, MediationQueueConnection } from '../disputes/dispute.types';
import { OrderConnection, type LazyCount } from '../orders/order-list.types';

// `totalCount` of the pageable lists: the reader hands each connection a function that counts
// with the page's own conditions, and these field resolvers call it, so a client that does not
// select the field pays for no count. A function-valued property alone is not enough: the field
// is served as the function itself (an INTERNAL error), so each count is a resolver of its own.

type Counted = { totalCount: LazyCount };

@Resolver(() => OrderConnection)
export class OrderConnectionCount {
  @ResolveField(() => Int, { description: 'Orders matching the filter in all pages (counted only when asked).' })
  totalCount(@Parent() connection: Counted): Promise<number> {
    return connection.totalCount();
  }
}

@Resolver(() => DisputeConnection)
export class DisputeConnectionCount {
  @ResolveField(() => Int, { description: 'Disputes matching the filter in all pages (counted only when asked).' })
  totalCount(@Parent() connection: Counted): Promise<number> {
    return connection.totalCount();
  }
}

@Resolver(() => MediationQueueConnection)
export class MediationQueueConnectionCount {
  @ResolveField(() => Int, { description: 'Cases matching the filter in all pages (counted only when asked).' })
  totalCount(@Parent() connection: Counted): Promise<number> {
    return connection.totalCount();
  }
}

/** The resolvers above, registered with the API's others. */
export const CONNECTION_COUNT_RESOLVERS = [OrderConnectionCount, DisputeConnectionCount, MediationQueueConnectionCount] as const;
