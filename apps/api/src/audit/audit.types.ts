import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Deadline, DisputeCaseFile, EventActor, Turn } from '../disputes/dispute.types';
import { DisputeActionEnum, DisputeStatusEnum } from '../graphql/enums';
import { PageInfo } from '../graphql/pagination';

// The auditor's view of a dispute's history (libs/audit): chain verification, the state folded
// as of any moment, and the timeline. Readable by AUDITOR accounts only (docs/audit.md).

export const AuditPartyEnum = { BUYER: 'BUYER', SELLER: 'SELLER', MEDIATOR: 'MEDIATOR' } as const;
registerEnumType(AuditPartyEnum, { name: 'AuditParty', description: 'A participant whose view of a dispute an audit reconstructs.' });

@ObjectType({ description: 'The head the `disputes` projection recorded when the last event was appended (same transaction).' })
export class ProjectionHead {
  @Field(() => Int)
  version: number;

  @Field()
  headHash: string;
}

@ObjectType({ description: 'Whether a dispute\u2019s hash chain holds: every event present, in order, unaltered and linked to its predecessor.' })
export class HistoryVerification {
  @Field(() => ID)
  disputeId: string;

  @Field()
  valid: boolean;

  @Field(() => Int, { description: 'Number of events checked.' })
  length: number;

  @Field({ description: 'The stored hash of the last event checked (64 zeros for none). Only trustworthy when valid.' })
  headHash: string;

  @Field(() => Int, { nullable: true, description: 'The first sequence at which the history is not what was recorded; null when valid.' })
  firstBrokenSequence: number | null;

  @Field(() => String, { nullable: true, description: 'What is wrong there, in a sentence; null when valid.' })
  problem: string | null;

  @Field(() => ProjectionHead, {
    nullable: true,
    description:
      'verifyDisputeHistory only: the projection\u2019s head the chain was also checked against (events missing from the end, a rewrite). Null for a partial history and when the projection has no row.',
  })
  projection: ProjectionHead | null;
}

export const CitationStatusEnum = { INTACT: 'INTACT', MISSING: 'MISSING', ALTERED: 'ALTERED', UNVERIFIABLE: 'UNVERIFIABLE' } as const;
registerEnumType(CitationStatusEnum, {
  name: 'CitationStatus',
  description: 'What the stored bytes of a cited file say about the hash its event recorded.',
  valuesMap: {
    INTACT: { description: 'A stored file hashes to the recorded sha256 (and has the recorded size).' },
    MISSING: { description: 'The history commits to an uploaded file, and no file is stored at its hash.' },
    ALTERED: { description: 'The file stored at the recorded hash has other bytes or another size.' },
    UNVERIFIABLE: { description: 'Cited before citations were checked against the upload catalog, and no stored file has the claimed hash.' },
  },
});

@ObjectType({ description: 'One file a dispute\u2019s history cites, held against the stored bytes.' })
export class CitationCheck {
  @Field(() => Int, { description: 'The event that put the file into the case file.' })
  sequence: number;

  @Field(() => ID)
  evidenceId: string;

  @Field({ description: 'The hash the event recorded.' })
  sha256: string;

  @Field(() => CitationStatusEnum)
  status: string;

  @Field(() => String, { nullable: true, description: 'What is wrong, in a sentence; null when intact.' })
  problem: string | null;
}

@ObjectType({ description: 'Whether the stored files a dispute cites are the bytes its hash chain committed to.' })
export class EvidenceVerification {
  @Field(() => ID)
  disputeId: string;

  @Field({ description: 'True when no citation is MISSING or ALTERED; UNVERIFIABLE ones are listed, not failed.' })
  valid: boolean;

  @Field(() => [CitationCheck], { description: 'Every cited file, in history order.' })
  citations: CitationCheck[];

  @Field(() => CitationCheck, { nullable: true, description: 'The first MISSING or ALTERED citation; null when valid.' })
  firstBroken: CitationCheck | null;
}

@ObjectType({ description: 'A dispute as the domain core folds it from a prefix of its events.' })
export class FoldedDispute extends DisputeCaseFile {
  @Field(() => Int, { description: 'Events folded.' })
  version: number;

  @Field(() => String, { nullable: true, description: 'The policy version pinned at opening.' })
  policyVersion: string | null;

  @Field(() => String, { nullable: true, description: 'Workflow time of the last event folded.' })
  lastEventAt: string | null;

  @Field({ description: 'Whether the dispute had been escalated by then (mediators may read it from then on).' })
  everEscalated: boolean;
}

@ObjectType({ description: 'What one participant could see and do at that moment.' })
export class PartyView {
  @Field(() => AuditPartyEnum)
  party: string;

  @Field(() => ID, { nullable: true, description: 'Who that was: the order\u2019s buyer or seller, or the mediator holding the case (null while nobody held it).' })
  actorId: string | null;

  @Field({ description: 'Whether they could read the dispute at all (the domain\u2019s canRead).' })
  canRead: boolean;

  @Field(() => FoldedDispute, { nullable: true, description: 'The dispute as they saw it; null when they could not read it.' })
  state: FoldedDispute | null;

  @Field(() => Int, { description: 'Events of the history they could read then.' })
  visibleEvents: number;

  @Field(() => [DisputeActionEnum], { description: 'Commands they could have issued at that moment.' })
  availableActions: string[];

  @Field({ description: 'Whether the dispute was waiting on them.' })
  theirTurn: boolean;
}

@ObjectType({ description: 'A dispute replayed to a moment: its events up to then folded by the domain core.' })
export class DisputeSnapshot {
  @Field(() => ID)
  disputeId: string;

  @Field(() => Int, { description: 'The last event included; 0 when the moment is before the opening.' })
  sequence: number;

  @Field(() => String, { nullable: true, description: 'The moment: the requested time, or the occurredAt of event `sequence` (null at sequence 0).' })
  at: string | null;

  @Field({ description: 'The hash of event `sequence` (64 zeros at 0).' })
  headHash: string;

  @Field(() => HistoryVerification, { description: 'Verification of events 1..sequence (not compared with the projection).' })
  chain: HistoryVerification;

  @Field(() => DisputeStatusEnum, { nullable: true, description: 'Null before the opening.' })
  status: string | null;

  @Field(() => Int, { description: 'Events folded (= sequence).' })
  version: number;

  @Field(() => Turn, { nullable: true })
  whoseTurn: Turn | null;

  @Field(() => [Deadline], { description: 'Timers running at that moment, earliest first.' })
  deadlines: Deadline[];

  @Field(() => FoldedDispute, { nullable: true, description: 'The folded state; null before the opening.' })
  state: FoldedDispute | null;

  @Field(() => [PartyView], { description: 'BUYER, SELLER and MEDIATOR, in that order.' })
  parties: PartyView[];
}

@ObjectType({ description: 'One event of the history, with the status it led to.' })
export class TimelineEntry {
  @Field(() => Int)
  sequence: number;

  @Field()
  type: string;

  @Field(() => EventActor)
  actor: EventActor;

  @Field({ description: 'Workflow time (covered by the hash).' })
  occurredAt: string;

  @Field({ description: 'Database time the event was stored (not covered by the hash).' })
  recordedAt: string;

  @Field(() => String, { nullable: true })
  commandId: string | null;

  @Field()
  hash: string;

  @Field(() => DisputeStatusEnum, { nullable: true, description: 'The dispute\u2019s status after this event.' })
  status: string | null;
}

@ObjectType()
export class TimelineEdge {
  @Field()
  cursor: string;

  @Field(() => TimelineEntry)
  node: TimelineEntry;
}

@ObjectType({ description: 'A dispute\u2019s timeline, oldest first, with the verification of its whole chain.' })
export class DisputeTimeline {
  @Field(() => [TimelineEdge])
  edges: TimelineEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Events in the whole history.' })
  totalCount: number;

  @Field(() => HistoryVerification, { description: 'Verification of the whole chain (not compared with the projection).' })
  chain: HistoryVerification;
}
