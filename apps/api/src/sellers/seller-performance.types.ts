import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { OutcomeKind } from '../../../../libs/domain/src';
import { OutcomeKindEnum } from '../graphql/enums';
import { Money } from '../graphql/money.types';

@ObjectType({ description: 'How many resolved disputes resolved with one outcome.' })
export class OutcomeCount {
  @Field(() => OutcomeKindEnum)
  kind: OutcomeKind;

  @Field(() => Int)
  count: number;
}

@ObjectType({
  description:
    'A seller\u2019s figures for the disputes opened in a window [from, to), as they stand now, from the seller-facts projection of the event history (docs/operating.md). Shares are fractions from 0 to 1 (four decimals), null when there is nothing to divide by.',
})
export class SellerPerformance {
  @Field(() => ID)
  sellerId: string;

  @Field({ description: 'The window\u2019s start (included), as an ISO-8601 instant.' })
  from: string;

  @Field({ description: 'The window\u2019s end (excluded).' })
  to: string;

  @Field({ description: 'When the figures were computed: those of disputes still running move until they end.' })
  asOf: string;

  @Field(() => Int, { description: 'Disputes opened in the window.' })
  disputes: number;

  @Field(() => Int, { description: 'The seller\u2019s orders the order feed first registered in the window.' })
  orders: number;

  @Field(() => Float, { nullable: true, description: 'disputes / orders; null without orders.' })
  disputesPerOrder: number | null;

  @Field(() => Int, { description: 'Disputes the seller answered (SellerResponded).' })
  responded: number;

  @Field(() => Int, { description: 'Disputes whose response window passed, or that were escalated or ended, without an answer; not part of the median.' })
  unanswered: number;

  @Field(() => Float, { nullable: true, description: 'Median time from opening to the seller\u2019s first response, in seconds, over the answered disputes; null when none was answered.' })
  medianFirstResponseSeconds: number | null;

  @Field(() => Int, { description: 'Disputes escalated to mediation at some point.' })
  escalated: number;

  @Field(() => Float, { nullable: true, description: 'escalated / disputes.' })
  escalatedShare: number | null;

  @Field(() => [OutcomeCount], { description: 'Resolved disputes by outcome, by kind.' })
  outcomes: OutcomeCount[];

  @Field(() => Int, { description: 'Disputes the buyer withdrew.' })
  withdrawn: number;

  @Field(() => Int, { description: 'Disputes whose resolution target is settled: resolved, or unresolved past the target (withdrawn ones are not counted).' })
  targetDue: number;

  @Field(() => Int, { description: 'Disputes resolved by their resolution target (15 days by default, pinned at opening).' })
  resolvedWithinTarget: number;

  @Field(() => Float, { nullable: true, description: 'resolvedWithinTarget / targetDue.' })
  resolvedWithinTargetShare: number | null;

  @Field(() => [Money], { description: 'Refunds that reached buyers, one amount per currency (never added across currencies), by currency code.' })
  refunded: Money[];
}
