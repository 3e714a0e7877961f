import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { addLogContext } from '../../../../libs/platform/src';
import { DISPUTE_COMMANDS, DISPUTE_READER } from '../api.tokens';
import { requireViewer } from '../auth/require-viewer';
import type { RequestContext } from '../auth/viewer';
import type { DisputeCommands } from './dispute-commands';
import type { DisputeReader } from './dispute-reader';
import { Dispute } from './dispute.types';
import { OpenDisputeInput } from './open-dispute.input';

/** Translates GraphQL to domain commands and reads; the rules live in libs/domain. */
@Resolver(() => Dispute)
export class DisputeResolver {
  constructor(
    @Inject(DISPUTE_COMMANDS) private readonly commands: DisputeCommands,
    @Inject(DISPUTE_READER) private readonly reader: DisputeReader,
  ) {}

  @Query(() => Dispute, { description: 'A dispute you are a party to (or may mediate or audit).' })
  dispute(@Args('id', { type: () => ID }) id: string, @Context() context: RequestContext): Promise<Dispute> {
    addLogContext({ disputeId: id });
    return this.reader.get(requireViewer(context), id);
  }

  @Mutation(() => Dispute, { description: 'The buyer opens a dispute on one of their orders. Returns once the opening is recorded.' })
  async openDispute(@Args('input') input: OpenDisputeInput, @Context() context: RequestContext): Promise<Dispute> {
    const viewer = requireViewer(context);
    const result = await this.commands.open(viewer, input);
    return this.reader.get(viewer, result.disputeId);
  }
}
