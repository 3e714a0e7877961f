import { Field, ID, InputType } from '@nestjs/graphql';
import { DisputeStatusEnum } from '../graphql/enums';

@InputType({ description: 'Narrows `disputes`; the list is always limited to what you may see.' })
export class DisputeFilter {
  @Field(() => [DisputeStatusEnum], { nullable: true })
  statuses?: string[] | null;

  @Field(() => ID, { nullable: true })
  orderId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Disputes of this buyer (useful to mediators and auditors).' })
  buyerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Disputes on this seller\u2019s orders.' })
  sellerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Cases held by this mediator.' })
  mediatorId?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601: only disputes whose next deadline is before this time.' })
  deadlineBefore?: string | null;
}
