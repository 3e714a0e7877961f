import type { DataSource } from 'typeorm';
import { toOrderLines } from '../orders/order-lines';
import { toPolicy } from '../policies/policy-mapping';
import { availableActions, canListCasesHeldBy, canRead, pendingDeadlines, projectionOf, refundableCeiling, whoseTurn, type DisputeState, type MessagePostedData } from '../../../../libs/domain/src';
import {
  countDisputes,
  countMediationQueue,
  mediationQueueTotal,
  isDisputeId,
  listDisputes,
  readMediationQueue,
  readMessages,
  readProjection,
  readStream,
  sequencesOfCommand,
  type DisputeProjectionRow,
  type DisputeScope,
  type MediationQueueKey,
} from '../../../../libs/persistence/src';
import type { Viewer } from '../auth/viewer';
import { publicActions } from '../graphql/enums';
import { ApiError } from '../graphql/errors';
import { decodeCursor, encodeCursor, page, pageSize } from '../graphql/pagination';
import { isoTime, optionalIsoTime } from '../graphql/times';
import type { AnsweredCommand, CommandHistory } from './dispute-commands';
import type { DisputeFilter, MediationQueueFilter } from './dispute-filter.input';
import type { Dispute, DisputeConnection, DisputeEvent, DisputeEventConnection, MediationQueueConnection, MessageConnection } from './dispute.types';

/** A dispute the viewer may read: its id and projected state. */
export interface VisibleDispute {
  disputeId: string;
  state: DisputeState;
  row: DisputeProjectionRow;
}

/**
 * Reads disputes from the projection (and messages and events from the history), showing each
 * caller only what the domain's canRead lets them see. Lists narrow in SQL by the same rule, then
 * every row is checked with canRead itself.
 */
export class DisputeReader implements CommandHistory {
  constructor(private readonly dataSource: DataSource) {}

  /** The dispute, or NOT_FOUND when it does not exist or the viewer may not see it (the two look alike). */
  async visible(viewer: Viewer, disputeId: string, field = 'id'): Promise<VisibleDispute> {
    const row = isDisputeId(disputeId) ? await readProjection(this.dataSource, disputeId) : null;
    if (!row || !canRead(row.state, viewer)) {
      throw new ApiError('NOT_FOUND', `No dispute ${disputeId} exists that you can see.`, field);
    }
    return { disputeId: row.disputeId, state: row.state, row };
  }

  /** A dispute for the system to act on (it reads none): exists or NOT_FOUND. */
  async forSystem(disputeId: string, field = 'id'): Promise<VisibleDispute> {
    const row = isDisputeId(disputeId) ? await readProjection(this.dataSource, disputeId) : null;
    if (!row) throw new ApiError('NOT_FOUND', `No dispute ${disputeId} exists.`, field);
    return { disputeId: row.disputeId, state: row.state, row };
  }

  async get(viewer: Viewer, disputeId: string, field = 'id'): Promise<Dispute> {
    return toDispute((await this.visible(viewer, disputeId, field)).row, viewer);
  }

  /**
   * The dispute as a command left it. The workflow answers with the state and the chain head it
   * stored in the same transaction as the projection row, which makes the row itself (the
   * domain's projectionOf, as the append wrote it): no read back. Without the head (an answer
   * from the history, a workflow on older code) the row is read. The same canRead either way.
   */
  async answer(viewer: Viewer, result: AnsweredCommand, field = 'id'): Promise<Dispute> {
    if (!result.head || result.head.version !== result.state.version) return this.get(viewer, result.disputeId, field);
    const row: DisputeProjectionRow = { ...projectionOf(result.state, result.head.at), disputeId: result.disputeId, headHash: result.head.hash };
    if (!canRead(row.state, viewer)) throw new ApiError('NOT_FOUND', `No dispute ${result.disputeId} exists that you can see.`, field);
    return toDispute(row, viewer);
  }

  async stateOf(disputeId: string): Promise<DisputeState | null> {
    return (await readProjection(this.dataSource, disputeId))?.state ?? null;
  }

  sequencesOfCommand(disputeId: string, commandId: string): Promise<number[]> {
    return sequencesOfCommand(this.dataSource, disputeId, commandId);
  }

  async list(viewer: Viewer, filter: DisputeFilter | null | undefined, first: number, after: string | null | undefined): Promise<DisputeConnection> {
    const size = pageSize(first);
    const cursor = decodeCursor<[string, string]>(after, ['string', 'string']);
    const scope = scopeOf(viewer);
    if (!scope) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: () => Promise.resolve(0) };
    const checked = {
      ...filter,
      deadlineBefore: optionalIsoTime(filter?.deadlineBefore, 'filter.deadlineBefore'),
      openedFrom: optionalIsoTime(filter?.openedFrom, 'filter.openedFrom'),
      openedBefore: optionalIsoTime(filter?.openedBefore, 'filter.openedBefore'),
    };
    const rows = await listDisputes(this.dataSource, scope, checked, { after: cursor && afterCursor(cursor), limit: size + 1 });
    const visible = rows.filter((row) => canRead(row.state, viewer));
    const connection = page(visible, size, (row) => encodeCursor([row.openedAt, row.disputeId]));
    return {
      edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: toDispute(edge.node, viewer) })),
      pageInfo: connection.pageInfo,
      // The scope is canRead's rule in SQL, so the count is what the pages hold.
      totalCount: () => countDisputes(this.dataSource, scope, checked),
    };
  }

  /** Escalated and appealed cases waiting for a mediator: unclaimed first, then by SLA deadline (the first page of the queue; deprecated). */
  async mediationQueue(viewer: Viewer, first: number): Promise<Dispute[]> {
    const rows = await readMediationQueue(this.dataSource, pageSize(first));
    return rows.filter((row) => canRead(row.state, viewer)).map((row) => toDispute(row, viewer));
  }

  /** The whole queue, a page at a time: unclaimed first, then by SLA due time, then by id. */
  async mediationCases(viewer: Viewer, filter: MediationQueueFilter | null | undefined, first: number, after: string | null | undefined): Promise<MediationQueueConnection> {
    const size = pageSize(first);
    const cursor = decodeCursor<[number, string, string]>(after, ['number', 'string', 'string']);
    const now = new Date().toISOString();
    if (typeof filter?.mediatorId === 'string' && !canListCasesHeldBy(viewer, filter.mediatorId)) {
      throw new ApiError('FORBIDDEN', `You may list only the cases you hold: ask for mediatorId "${viewer.id}".`, 'filter.mediatorId');
    }
    const checked = { ...filter };
    const rows = await readMediationQueue(this.dataSource, size + 1, checked, cursor && queueCursor(cursor), now);
    // Every queued case was escalated, so canRead holds for every mediator; checked all the same.
    const visible = rows.filter((row) => canRead(row.state, viewer));
    const connection = page(visible, size, (row) => encodeCursor([row.state.mediation?.mediatorId ? 1 : 0, row.state.mediation?.slaDueAt ?? '', row.disputeId]));
    return {
      edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: toDispute(edge.node, viewer) })),
      pageInfo: connection.pageInfo,
      totalCount: async () => mediationQueueTotal(await countMediationQueue(this.dataSource, checked, now)),
    };
  }

  /** The conversation, oldest first; message text lives only in the history. */
  async messages(disputeId: string, first: number, after: string | null | undefined, totalCount: number): Promise<MessageConnection> {
    const size = pageSize(first);
    const [from] = decodeCursor<[number]>(after, ['number']) ?? [0];
    const events = await readMessages(this.dataSource, disputeId, { after: from, limit: size + 1 });
    const messages = events.map(({ sequence, payload }) => {
      const posted = payload as MessagePostedData;
      return { messageId: posted.messageId, sequence, authorRole: posted.author.role, authorId: posted.author.id, body: posted.body, at: posted.at };
    });
    return { ...page(messages, size, (message) => encodeCursor([message.sequence])), totalCount };
  }

  async events(viewer: Viewer, disputeId: string, first: number, after: string | null | undefined): Promise<DisputeEventConnection> {
    await this.visible(viewer, disputeId, 'disputeId');
    const size = pageSize(first);
    const [from] = decodeCursor<[number]>(after, ['number']) ?? [0];
    const stored = await readStream(this.dataSource, disputeId, { after: from, limit: size + 1 });
    const events: DisputeEvent[] = stored.map((event) => ({
      sequence: event.sequence,
      type: event.type,
      payload: JSON.stringify(event.payload),
      actor: { role: event.actor.role, id: event.actor.id },
      occurredAt: toMilliseconds(event.occurredAt),
      recordedAt: toMilliseconds(event.recordedAt),
      // Command ids embed the caller's account and key: auditors see them, parties do not.
      commandId: viewer.role === 'AUDITOR' ? event.commandId : null,
      schemaVersion: event.schemaVersion,
      previousHash: event.previousHash,
      hash: event.hash,
    }));
    return page(events, size, (event) => encodeCursor([event.sequence]));
  }
}

/** Which rows a list may hold at all, by role (canRead then checks each); null for a role that reads no lists. */
function scopeOf(viewer: Viewer): DisputeScope | null {
  switch (viewer.role) {
    case 'BUYER':
      return { buyerId: viewer.id };
    case 'SELLER':
      return { sellerId: viewer.id };
    case 'MEDIATOR':
      return { everEscalated: true };
    case 'AUDITOR':
      return { all: true };
    case 'SYSTEM':
    case 'ADMIN':
      return null;
  }
}

/** The row a list cursor names, checked: a cursor this API did not hand out is refused, not sent to the database. */
function afterCursor([openedAt, disputeId]: [string, string]): { openedAt: string; disputeId: string } {
  const refusal = 'The cursor is not one this API handed out.';
  if (!isDisputeId(disputeId)) throw new ApiError('VALIDATION', refusal, 'after');
  return { openedAt: isoTime(openedAt, 'after', refusal), disputeId };
}

/** The queue position a cursor names, checked: claimed (0 or 1), SLA due time, dispute id. */
function queueCursor([claimed, slaDueAt, disputeId]: [number, string, string]): MediationQueueKey {
  const refusal = 'The cursor is not one this API handed out.';
  if (claimed > 1 || !isDisputeId(disputeId)) throw new ApiError('VALIDATION', refusal, 'after');
  return { claimed: claimed === 1, slaDueAt: isoTime(slaDueAt, 'after', refusal), disputeId };
}

/**
 * The history keeps the database's microseconds; the API has always shown event times to the
 * millisecond (as a JavaScript Date holds them), truncated.
 */
const toMilliseconds = (iso: string): string => new Date(iso).toISOString();

/** The case file a Dispute and an auditor's snapshot both show, mapped once from the domain state. */
export function caseFileOf(state: DisputeState) {
  return {
    subReason: state.subReason,
    description: state.description ?? '',
    evidence: state.evidence.map((item) => ({ ...item, sizeBytes: item.sizeBytes ?? null, contentType: item.contentType ?? null })),
    offers: state.offers.map((offer) => ({
      offerNumber: offer.offerNumber,
      by: offer.by,
      kind: offer.terms.kind,
      amount: offer.terms.amount,
      returnAddress: offer.terms.returnAddress ?? null,
      prepaidLabel: offer.terms.prepaidLabel ?? null,
      status: offer.status,
      madeAt: offer.madeAt,
    })),
    messageCount: state.messageCount,
    sellerResponseDueAt: state.sellerRespondedAt ? null : state.sellerResponseDueAt,
    sellerRespondedAt: state.sellerRespondedAt,
    negotiationDueAt: state.negotiationDueAt,
    resolutionTargetAt: state.resolutionTargetAt,
    informationRequests: state.informationRequests.map((request) => ({ ...request })),
    mediation: state.mediation ? { ...state.mediation } : null,
    decision: state.decision ? { ...state.decision, returnAddress: state.decision.returnAddress ?? null, prepaidLabel: state.decision.prepaidLabel ?? null } : null,
    appeal: state.appeal ? { ...state.appeal } : null,
    // States folded before addresses and carrier codes existed lack those fields.
    returnShipment: state.return
      ? { ...state.return, carrierCode: state.return.carrierCode ?? null, returnAddress: state.return.returnAddress ?? null, prepaidLabel: state.return.prepaidLabel ?? null }
      : null,
    replacement: state.replacement ? { ...state.replacement } : null,
    refund: state.refund ? { ...state.refund } : null,
    refundedMinor: state.refundedMinor,
    refunded: { amountMinor: state.refundedMinor, currency: state.order?.amountPaid.currency ?? '' },
    disputedLines: toOrderLines((state.order?.lines ?? []).filter((line) => state.lineIds?.includes(line.lineId))),
    amountInDispute: { amountMinor: state.order ? refundableCeiling(state.order, state.lineIds) : 0, currency: state.order?.amountPaid.currency ?? '' },
    outcome: state.outcome ? { ...state.outcome } : null,
    resolvedVia: state.resolvedVia,
    resolvedAt: state.resolvedAt,
    closedAt: state.closedAt,
    withdrawnAt: state.withdrawnAt,
    deadlineExtensions: (state.deadlineExtensions ?? []).map((entry) => ({ ...entry })),
    policy: state.policy ? toPolicy(state.policy) : null,
  };
}

/** The dispute as this viewer sees it now: the state, plus the domain's answers to "whose turn" and "what may I do". */
export function toDispute(row: DisputeProjectionRow, viewer: Viewer, now: string = new Date().toISOString()): Dispute {
  const state = row.state;
  return {
    id: row.disputeId,
    orderId: row.orderId,
    buyerId: row.buyerId,
    sellerId: row.sellerId,
    status: row.status,
    reason: row.reason,
    ...caseFileOf(state),
    openedAt: row.openedAt,
    deadlines: pendingDeadlines(state).map((deadline) => ({ kind: deadline.kind, dueAt: deadline.dueAt })),
    whoseTurn: whoseTurn(state),
    availableActions: publicActions(availableActions(state, viewer, { now, order: state.order })),
    version: row.version,
    headHash: row.headHash,
    updatedAt: row.updatedAt,
  };
}
