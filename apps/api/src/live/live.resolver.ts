import { Inject } from '@nestjs/common';
import { Args, Context, Field, ID, ObjectType, Resolver, Subscription } from '@nestjs/graphql';
import type { DisputeChangeFeed } from '../../../../libs/persistence/src/dispute-change-feed';
import { DISPUTE_CHANGE_FEED, DISPUTE_READER } from '../api.tokens';
import { requireViewer } from '../auth/require-viewer';
import type { RequestContext } from '../auth/viewer';
import type { DisputeReader } from '../disputes/dispute-reader';
import { READERS } from '../disputes/dispute.resolver';
import { changeStream } from './change-stream';
import { Dispute } from '../disputes/dispute.types';

const QUEUE_STATUSES = new Set(['UNDER_MEDIATION', 'UNDER_APPEAL']);

@ObjectType({ description: 'A case entered, moved within or left the mediation queue.' })
export class MediationQueueChange {
  @Field(() => Dispute)
  dispute: Dispute;

  @Field({ description: 'Whether the case is in the queue now (escalated or appealed, not yet decided).' })
  inQueue: boolean;
}

/**
 * Live updates over graphql-ws. Changes arrive from PostgreSQL (LISTEN/NOTIFY), so a change made
 * through any API instance reaches every subscriber; each update is read with the subscriber's
 * own rights, exactly like a query.
 */
@Resolver()
export class LiveResolver {
  constructor(
    @Inject(DISPUTE_READER) private readonly reader: DisputeReader,
    @Inject(DISPUTE_CHANGE_FEED) private readonly feed: DisputeChangeFeed,
  ) {}

  @Subscription(() => Dispute, { description: 'The dispute each time it changes (parties, mediators once escalated, auditors).', resolve: (value: Dispute) => value })
  async disputeUpdated(@Args('id', { type: () => ID }) id: string, @Context() context: RequestContext): Promise<AsyncIterableIterator<Dispute>> {
    const viewer = requireViewer(context, ...READERS);
    await this.reader.visible(viewer, id);
    let seen = 0;
    return changeStream(this.feed, (change) => change.disputeId === id, async (change) => {
      if (change.version <= seen) return null;
      const dispute = await this.reader.get(viewer, id).catch(() => null);
      if (!dispute || dispute.version <= seen) return null;
      seen = dispute.version;
      return dispute;
    });
  }

  @Subscription(() => MediationQueueChange, { description: 'Cases entering, changing in or leaving the mediation queue (mediators only).', resolve: (value: MediationQueueChange) => value })
  mediationQueueChanged(@Context() context: RequestContext): AsyncIterableIterator<MediationQueueChange> {
    const viewer = requireViewer(context, 'MEDIATOR');
    return changeStream(
      this.feed,
      (change) => QUEUE_STATUSES.has(change.status) || (change.previousStatus !== null && QUEUE_STATUSES.has(change.previousStatus)),
      async (change) => {
        const dispute = await this.reader.get(viewer, change.disputeId).catch(() => null);
        return dispute ? { dispute, inQueue: QUEUE_STATUSES.has(dispute.status) } : null;
      },
    );
  }
}
