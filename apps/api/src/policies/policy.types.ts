import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { documentName, POLICY_LIMIT_FIELDS, POLICY_WINDOW_FIELDS, type PolicyLimitField, type PolicyWindowField } from '../../../../libs/domain/src';

// A policy as GraphQL shows and takes it: the document form (libs/domain policy-document.ts),
// windows as ISO-8601 durations ("P5D"), limits as whole numbers, clauses as { id, text }. The
// window and limit fields are declared from the domain's field lists below, so the schema can
// never miss one.

const WINDOWS: Record<PolicyWindowField, string> = {
  openingWindowAfterDeliveryMs: 'Opening is allowed until this long after delivery (or after the delivery deadline when undelivered).',
  sellerResponseWindowMs: 'The seller responds within this window from the opening.',
  negotiationWindowMs: 'Negotiation lasts this long from the seller\u2019s first response.',
  mediationSlaMs: 'Mediation target from escalation (and again from an appeal); breaching it raises an alert only.',
  informationRequestDefaultMs: 'A mediator\u2019s question is due within this window unless they set one.',
  informationRequestMinMs: 'The shortest window a mediator may give for an answer.',
  informationRequestMaxMs: 'The longest window a mediator may give for an answer.',
  appealWindowMs: 'Either party may appeal within this window from the decision.',
  returnShipmentWindowMs: 'The buyer ships an agreed return within this window.',
  returnReceiptWindowMs: 'The seller confirms or contests the returned item within this window from its shipment.',
  replacementShipmentWindowMs: 'The seller ships an agreed replacement within this window.',
  replacementConfirmationWindowMs: 'The buyer confirms the replacement or reports a problem within this window; silence counts as receipt.',
  resolutionTargetMs: 'The platform\u2019s target for resolving a dispute (reported, never enforced).',
  maxDeadlineExtensionMs: 'A mediator moves a deadline later by at most this much per extension.',
};

const LIMITS: Record<PolicyLimitField, string> = {
  maxDisputesPerOrder: 'Disputes an order may have, withdrawn ones included.',
  maxDescriptionLength: 'Characters in a dispute\u2019s description.',
  maxTextLength: 'Characters in a message, explanation, note, question, answer, ground or rationale.',
  maxEvidencePerParty: 'Files each party may cite.',
  maxOffersPerParty: 'Offers each party may make.',
  maxInformationRequestsPerParty: 'Questions a mediator may ask each party.',
  maxTrackingNumberLength: 'Characters in a tracking number.',
  maxExtensionsPerDeadline: 'Times one deadline may be extended.',
};

@ObjectType({ description: 'A clause decisions may cite, with the text parties and mediators read.' })
export class PolicyClause {
  @Field()
  id: string;

  @Field()
  text: string;
}

@ObjectType({ description: 'A policy: the windows and limits of the rulebook and the clauses decisions cite. Windows are ISO-8601 durations, e.g. "P5D", "PT12H".' })
export class Policy {
  @Field(() => String, { nullable: true, description: 'The policy line it was published on (e.g. "default", "electronics"); null for disputes opened before policies were published.' })
  line: string | null;

  @Field(() => Int, { nullable: true, description: 'Its number within the line (1, 2, ...); null for disputes opened before policies were published.' })
  lineVersion: number | null;

  @Field({ description: 'The publisher\u2019s label for this content, e.g. the date it takes effect.' })
  version: string;

  @Field(() => [PolicyClause])
  clauses: PolicyClause[];
}

@InputType({ description: 'A clause decisions may cite: an id such as "NR-1" and its text.' })
export class PolicyClauseInput {
  @Field({ description: 'Capital letters and digits in dash-separated parts, unique within the policy, e.g. "NR-1".' })
  id: string;

  @Field({ description: 'Not empty; at most 2000 characters.' })
  text: string;
}

@InputType({ description: 'A whole policy to publish. Windows are ISO-8601 durations in days, hours, minutes and seconds ("P5D", "PT12H", "P1DT6H"); limits are whole numbers from 1.' })
export class PolicyInput {
  @Field({ description: 'A label for this content, e.g. the date it takes effect ("2027-01-15").' })
  version: string;

  @Field(() => [PolicyClauseInput], { description: 'At least one clause.' })
  clauses: PolicyClauseInput[];
}

for (const field of POLICY_WINDOW_FIELDS) {
  Field(() => String, { description: WINDOWS[field] })(Policy.prototype, documentName(field));
  Field(() => String, { description: WINDOWS[field] })(PolicyInput.prototype, documentName(field));
}
for (const field of POLICY_LIMIT_FIELDS) {
  Field(() => Int, { description: LIMITS[field] })(Policy.prototype, field);
  Field(() => Int, { description: LIMITS[field] })(PolicyInput.prototype, field);
}

@ObjectType({ description: 'One published version of a policy line.' })
export class PublishedPolicy {
  @Field({ description: 'The line, e.g. "default".' })
  line: string;

  @Field(() => Int, { description: 'The version\u2019s number within its line; the highest is the line\u2019s current policy.' })
  lineVersion: number;

  @Field(() => Policy)
  policy: Policy;

  @Field(() => ID, { description: 'The administrator (or `migration`, or `cli:<user>`) who published it.' })
  publishedBy: string;

  @Field({ description: 'ISO-8601 UTC.' })
  publishedAt: string;

  @Field(() => String, { nullable: true, description: 'Why it was published.' })
  note: string | null;
}

@InputType({ description: 'An administrator publishes a new version of a policy line. Running disputes keep the policy they pinned.' })
export class PublishPolicyInput {
  @Field({ description: 'The line: 1 to 40 lowercase letters, digits and dashes, starting with a letter ("default", "electronics", "eu"). A new line starts at version 1.' })
  line: string;

  @Field(() => PolicyInput)
  policy: PolicyInput;

  @Field(() => String, { nullable: true, description: 'Why this version is published (at most 1000 characters).' })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the version it published and publishes nothing new.' })
  idempotencyKey?: string | null;
}
