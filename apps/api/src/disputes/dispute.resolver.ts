import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { addLogContext } from '../../../../libs/platform/src';
import { DISPUTE_READER } from '../api.tokens';
import { requireViewer } from '../auth/require-viewer';
import type { RequestContext } from '../auth/viewer';
import { DisputeFilter, MediationQueueFilter } from './dispute-filter.input';
import type { DisputeReader } from './dispute-reader';
import { Dispute, DisputeConnection, DisputeEventConnection, MediationQueueConnection, MessageConnection } from './dispute.types';

/** Readers of disputes: the account types that may see any (BUYER, SELLER, MEDIATOR, AUDITOR). */
export const READERS = ['BUYER', 'SELLER', 'MEDIATOR', 'AUDITOR'] as const;

/** The reads of disputes; the commands are DisputeCommandsResolver's. Visibility rules live in libs/domain. */
@Resolver(() => Dispute)
export class DisputeResolver {
  constructor(@Inject(DISPUTE_READER) private readonly reader: DisputeReader) {}

  @Query(() => Dispute, { description: 'A dispute you are a party to (or may mediate or audit).' })
  dispute(@Args('id', { type: () => ID }) id: string, @Context() context: RequestContext): Promise<Dispute> {
    addLogContext({ disputeId: id });
    return this.reader.get(requireViewer(context, ...READERS), id);
  }

  @Query(() => DisputeConnection, { description: 'Disputes you may see, newest first.' })
  disputes(
    @Context() context: RequestContext,
    @Args('filter', { type: () => DisputeFilter, nullable: true }) filter: DisputeFilter | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<DisputeConnection> {
    return this.reader.list(requireViewer(context, ...READERS), filter, first, after);
  }

  @Query(() => DisputeEventConnection, { description: 'The append-only history of a dispute you may see, oldest first.' })
  disputeEvents(
    @Context() context: RequestContext,
    @Args('disputeId', { type: () => ID }) disputeId: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<DisputeEventConnection> {
    addLogContext({ disputeId });
    return this.reader.events(requireViewer(context, ...READERS), disputeId, first, after);
  }

  @Query(() => [Dispute], {
    description: 'Escalated and appealed cases, unclaimed first, then by mediation SLA deadline (mediators only).',
    deprecationReason: 'Reads only the first page (at most 100 cases); use mediationCases, a connection with filters and totalCount.',
  })
  mediationQueue(@Context() context: RequestContext, @Args('first', { type: () => Int, defaultValue: 50 }) first: number): Promise<Dispute[]> {
    return this.reader.mediationQueue(requireViewer(context, 'MEDIATOR'), first);
  }

  @Query(() => MediationQueueConnection, { description: 'The mediation queue, a page at a time: unclaimed first, then by mediation SLA due time (mediators only).' })
  mediationCases(
    @Context() context: RequestContext,
    @Args('filter', { type: () => MediationQueueFilter, nullable: true }) filter: MediationQueueFilter | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<MediationQueueConnection> {
    return this.reader.mediationCases(requireViewer(context, 'MEDIATOR'), filter, first, after);
  }

  @ResolveField(() => MessageConnection, { description: 'The conversation, oldest first.' })
  messages(
    @Parent() dispute: Dispute,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<MessageConnection> {
    // The parent was read with the viewer's rights; messages are part of what they may see.
    return this.reader.messages(dispute.id, first, after, dispute.messageCount);
  }
}
