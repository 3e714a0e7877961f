import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { DataSource } from 'typeorm';
// The package index only: libs/audit/src/workflow-replay.ts loads the Temporal worker and stays out of the API.
import { AuditInputError, disputeAsOf, disputeTimeline, verifyDisputeEvidence, verifyDisputeHistory, type AsOf } from '../../../../libs/audit/src';
import type { ContentStore } from '../../../../libs/persistence/src/evidence-store';
import { CONTENT_STORE } from '../api.tokens';
import { addLogContext, DATA_SOURCE } from '../../../../libs/platform/src';
import { requireViewer } from '../auth/require-viewer';
import type { RequestContext } from '../auth/viewer';
import { ApiError } from '../graphql/errors';
import { decodeCursor, encodeCursor, page, pageSize } from '../graphql/pagination';
import { toSnapshot, toTimelineEntry, toVerification } from './audit.mapping';
import { DisputeSnapshot, DisputeTimeline, EvidenceVerification, HistoryVerification } from './audit.types';

/** Exactly one of `sequence` and `at`; their own checks are libs/audit's (AuditInputError). */
function momentOf(sequence: number | null, at: string | null): AsOf {
  if (sequence !== null && at !== null) throw new ApiError('VALIDATION', 'Pass either sequence or at, not both.', 'at');
  if (sequence !== null) return { sequence };
  if (at !== null) return { at };
  throw new ApiError('VALIDATION', 'Pass the moment to replay to: a sequence or a time (at).', 'sequence');
}

const notFound = (disputeId: string) => new ApiError('NOT_FOUND', `No dispute ${disputeId} exists.`, 'disputeId');

/**
 * The audit queries (docs/audit.md): verify a dispute's hash chain and the files it cites, replay it to any moment,
 * list its timeline. AUDITOR accounts only; the work is libs/audit's, read in one snapshot.
 */
@Resolver()
export class AuditResolver {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONTENT_STORE) private readonly store: ContentStore,
  ) {}

  @Query(() => HistoryVerification, {
    description: 'Re-hashes every event of a dispute and checks the chain, and the projection\u2019s recorded head, for any alteration (auditors only).',
  })
  async verifyDisputeHistory(@Args('disputeId', { type: () => ID }) disputeId: string, @Context() context: RequestContext): Promise<HistoryVerification> {
    requireViewer(context, 'AUDITOR');
    addLogContext({ disputeId });
    const result = await verifyDisputeHistory(this.dataSource, disputeId);
    if (!result) throw notFound(disputeId);
    return toVerification(disputeId, result);
  }

  @Query(() => EvidenceVerification, {
    description: 'Re-hashes every stored file a dispute\u2019s history cites against the hash and size its events recorded; a missing or altered file is reported by evidence id and sequence (auditors only).',
  })
  async verifyDisputeEvidence(@Args('disputeId', { type: () => ID }) disputeId: string, @Context() context: RequestContext): Promise<EvidenceVerification> {
    requireViewer(context, 'AUDITOR');
    addLogContext({ disputeId });
    const result = await verifyDisputeEvidence(this.dataSource, this.store, disputeId);
    if (!result) throw notFound(disputeId);
    return result;
  }

  @Query(() => DisputeSnapshot, {
    description:
      'The dispute as it stood after event `sequence`, or at time `at` (ISO-8601, workflow time: every event that had occurred by then), folded by the domain core, with what each participant could see and do then. Pass exactly one of the two (auditors only).',
  })
  async disputeAsOf(
    @Args('disputeId', { type: () => ID }) disputeId: string,
    @Args('sequence', { type: () => Int, nullable: true, description: 'After this event; 0 is before the opening.' }) sequence: number | null | undefined,
    @Args('at', { type: () => String, nullable: true, description: 'ISO-8601 with a zone, e.g. 2026-11-25T10:00:00.000Z.' }) at: string | null | undefined,
    @Context() context: RequestContext,
  ): Promise<DisputeSnapshot> {
    requireViewer(context, 'AUDITOR');
    addLogContext({ disputeId });
    const moment = momentOf(sequence ?? null, at ?? null);
    try {
      const result = await disputeAsOf(this.dataSource, disputeId, moment);
      if (!result) throw notFound(disputeId);
      return toSnapshot(result);
    } catch (error) {
      if (error instanceof AuditInputError) throw new ApiError('VALIDATION', error.message, error.field);
      throw error;
    }
  }

  @Query(() => DisputeTimeline, { description: 'Every event of a dispute, oldest first, with its actor, times and the status it led to (auditors only).' })
  async disputeTimeline(
    @Args('disputeId', { type: () => ID }) disputeId: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Context() context: RequestContext,
  ): Promise<DisputeTimeline> {
    requireViewer(context, 'AUDITOR');
    addLogContext({ disputeId });
    const size = pageSize(first);
    const [from] = decodeCursor<[number]>(after, ['number']) ?? [0];
    // Each entry's status needs every event before it folded, so the whole history is read.
    const timeline = await disputeTimeline(this.dataSource, disputeId);
    if (!timeline) throw notFound(disputeId);
    const rest = timeline.entries.filter((entry) => entry.sequence > from).slice(0, size + 1);
    return {
      ...page(rest.map(toTimelineEntry), size, (entry) => encodeCursor([entry.sequence])),
      totalCount: timeline.entries.length,
      chain: toVerification(disputeId, timeline.chain),
    };
  }
}
