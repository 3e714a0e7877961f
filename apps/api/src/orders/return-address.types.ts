import { Field, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Where a returned item goes.' })
export class ReturnAddress {
  @Field({ description: 'The person or business the parcel is addressed to.' })
  name: string;

  @Field()
  line1: string;

  @Field(() => String, { nullable: true })
  line2: string | null;

  @Field()
  city: string;

  @Field(() => String, { nullable: true })
  region: string | null;

  @Field()
  postalCode: string;

  @Field({ description: 'ISO 3166-1 alpha-2, upper case.' })
  countryCode: string;
}

@InputType({ description: 'Where a returned item goes; checked by the rules, each fault naming its part.' })
export class ReturnAddressInput {
  @Field()
  name: string;

  @Field()
  line1: string;

  @Field(() => String, { nullable: true })
  line2?: string | null;

  @Field()
  city: string;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field()
  postalCode: string;

  @Field({ description: 'ISO 3166-1 alpha-2 in upper case, e.g. DE.' })
  countryCode: string;
}
