import { Context, Field, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { requireViewer } from './auth/require-viewer';
import type { RequestContext } from './auth/viewer';
import { RoleEnum } from './graphql/enums';

@ObjectType({ description: 'The signed-in caller.' })
export class ViewerType {
  @Field(() => ID)
  id: string;

  @Field(() => RoleEnum)
  role: string;

  @Field({ description: 'A lead mediator, who may reassign cases (the token\u2019s `lead` claim).' })
  lead: boolean;
}

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, { name: 'viewer' })
  viewer(@Context() context: RequestContext): ViewerType {
    const viewer = requireViewer(context);
    return { id: viewer.id, role: viewer.role, lead: viewer.lead === true };
  }
}
