import { Field, ID, InputType } from '@nestjs/graphql';
import { DisputeStatusEnum, EscalationReasonEnum, MediationStageEnum, ReasonEnum } from '../graphql/enums';

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

  @Field(() => String, { nullable: true, description: 'ISO-8601: only disputes opened at or after this time.' })
  openedFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601: only disputes opened before this time.' })
  openedBefore?: string | null;

  @Field(() => [ReasonEnum], { nullable: true, description: 'Only disputes opened for one of these reasons.' })
  reasons?: string[] | null;
}

@InputType({ description: 'Narrows `mediationCases`.' })
export class MediationQueueFilter {
  @Field(() => [MediationStageEnum], { nullable: true, description: 'MEDIATION (first instance) or APPEAL.' })
  stages?: string[] | null;

  @Field(() => [EscalationReasonEnum], { nullable: true, description: 'Why the case was escalated.' })
  escalationReasons?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: past the mediation SLA (breach recorded, or its due time passed); false: within it.' })
  slaBreached?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: held by a mediator; false: waiting to be claimed.' })
  claimed?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Cases held by this mediator ("my cases"): your own id; a lead mediator may name any mediator.' })
  mediatorId?: string | null;
}
