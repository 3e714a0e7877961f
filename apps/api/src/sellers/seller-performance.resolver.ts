import { Inject } from '@nestjs/common';
import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import type { DataSource } from 'typeorm';
import { checkPerformanceWindow, sellerPerformanceOf } from '../../../../libs/domain/src';
import { countSellerOrders, readSellerFacts } from '../../../../libs/persistence/src';
import { DATA_SOURCE } from '../../../../libs/platform/src';
import { requireViewer } from '../auth/require-viewer';
import type { RequestContext } from '../auth/viewer';
import { ApiError, rejectionError } from '../graphql/errors';
import { isStorableTime } from '../graphql/times';
import { SellerPerformance } from './seller-performance.types';

/** Who may read a seller's figures: the seller (their own only), mediators and auditors. */
export const PERFORMANCE_READERS = ['SELLER', 'MEDIATOR', 'AUDITOR'] as const;
const MAX_SELLER_ID_LENGTH = 200;

@Resolver(() => SellerPerformance)
export class SellerPerformanceResolver {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Query(() => SellerPerformance, {
    description: 'A seller\u2019s dispute figures for the disputes opened in [from, to) (at most 366 days): for the seller themself, mediators and auditors.',
  })
  async sellerPerformance(
    @Args('sellerId', { type: () => ID }) sellerId: string,
    @Args('from', { description: 'ISO-8601 instant, included.' }) from: string,
    @Args('to', { description: 'ISO-8601 instant, excluded.' }) to: string,
    @Context() context: RequestContext,
  ): Promise<SellerPerformance> {
    const viewer = requireViewer(context, ...PERFORMANCE_READERS);
    // A seller id is no secret (it is on every order), so another seller's figures are refused
    // for what they are, FORBIDDEN, rather than answered as missing: there is no "missing"
    // seller, one without disputes has zeros.
    if (viewer.role === 'SELLER' && viewer.id !== sellerId) {
      throw new ApiError('FORBIDDEN', 'Sellers see their own performance only: ask for your own seller id.', 'sellerId');
    }
    if (sellerId.trim() === '' || sellerId.length > MAX_SELLER_ID_LENGTH) {
      throw new ApiError('VALIDATION', `sellerId must be a seller\u2019s id: 1 to ${MAX_SELLER_ID_LENGTH} characters.`, 'sellerId');
    }
    const window = { from: instant(from, 'from'), to: instant(to, 'to') };
    const refused = checkPerformanceWindow(window.from, window.to);
    if (refused) throw rejectionError(refused);

    const asOf = new Date().toISOString();
    // One snapshot for the facts and the order count, so the ratio is of one moment.
    const { facts, orders } = await this.dataSource.transaction('REPEATABLE READ', async (manager) => ({
      facts: await readSellerFacts(manager, sellerId, window.from, window.to),
      orders: await countSellerOrders(manager, sellerId, window.from, window.to),
    }));
    return { sellerId, ...window, asOf, ...sellerPerformanceOf(facts, orders, asOf) };
  }
}

function instant(value: string, field: string): string {
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : Number.NaN;
  if (!isStorableTime(time)) throw new ApiError('VALIDATION', `${field} must be an ISO-8601 time with a zone between the years 1 and 9999, e.g. 2026-11-01T00:00:00Z.`, field);
  return new Date(time).toISOString();
}
