import type { ChainVerification, DisputeAsOf, DisputeHistoryVerification, PartyView as AuditPartyView, TimelineEntry as AuditTimelineEntry } from '../../../../libs/audit/src';
import type { DisputeState } from '../../../../libs/domain/src';
import { caseFileOf } from '../disputes/dispute-reader';
import { publicActions } from '../graphql/enums';
import type { DisputeSnapshot, FoldedDispute, HistoryVerification, PartyView, TimelineEntry } from './audit.types';

// From libs/audit's results to the GraphQL types. The folded state's case file is mapped by
// the same function as the projected one (caseFileOf), so a snapshot compares field by field
// with the Dispute the API returned at that version.

/** The domain's pre-opening status has no GraphQL value: it is null. */
const statusOf = (status: DisputeState['status']): string | null => (status === 'NONE' ? null : status);

export function toVerification(disputeId: string, chain: ChainVerification | DisputeHistoryVerification): HistoryVerification {
  const projection = 'projection' in chain ? chain.projection : null;
  return {
    disputeId,
    valid: chain.valid,
    length: chain.length,
    headHash: chain.headHash,
    firstBrokenSequence: chain.firstBrokenSequence,
    problem: chain.problem,
    projection: projection ? { version: projection.version, headHash: projection.headHash } : null,
  };
}

export function toFoldedDispute(state: DisputeState): FoldedDispute | null {
  if (state.status === 'NONE' || !state.disputeId || !state.orderId || !state.buyerId || !state.sellerId || !state.reason || !state.openedAt) return null;
  return {
    id: state.disputeId,
    orderId: state.orderId,
    buyerId: state.buyerId,
    sellerId: state.sellerId,
    status: state.status,
    version: state.version,
    reason: state.reason,
    ...caseFileOf(state),
    policyVersion: state.policy?.version ?? null,
    openedAt: state.openedAt,
    lastEventAt: state.lastEventAt,
    everEscalated: state.everEscalated,
  };
}

function toPartyView(view: AuditPartyView): PartyView {
  return {
    party: view.party,
    actorId: view.actor?.id ?? null,
    canRead: view.canRead,
    state: view.state ? toFoldedDispute(view.state) : null,
    visibleEvents: view.visibleEvents,
    availableActions: publicActions(view.availableActions),
    theirTurn: view.theirTurn,
  };
}

export function toSnapshot(asOf: DisputeAsOf): DisputeSnapshot {
  return {
    disputeId: asOf.disputeId,
    sequence: asOf.sequence,
    at: asOf.at,
    headHash: asOf.headHash,
    chain: toVerification(asOf.disputeId, asOf.chain),
    status: statusOf(asOf.state.status),
    version: asOf.state.version,
    whoseTurn: asOf.whoseTurn ? { ...asOf.whoseTurn } : null,
    deadlines: asOf.deadlines.map((deadline) => ({ ...deadline })),
    state: toFoldedDispute(asOf.state),
    parties: asOf.parties.map(toPartyView),
  };
}

export function toTimelineEntry(entry: AuditTimelineEntry): TimelineEntry {
  return {
    sequence: entry.sequence,
    type: entry.type,
    actor: { role: entry.actor.role, id: entry.actor.id },
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    commandId: entry.commandId,
    hash: entry.hash,
    status: statusOf(entry.status),
  };
}
