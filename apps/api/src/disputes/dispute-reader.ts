import type { DataSource } from 'typeorm';
import { availableActions, canRead, pendingDeadlines, whoseTurn, type DisputeState, type MessagePostedData } from '../../../../libs/domain/src';
import { DisputeProjectionRow } from '../../../../libs/persistence/src';
import type { Viewer } from '../auth/viewer';
import { actionName } from '../graphql/enums';
import { ApiError } from '../graphql/errors';
import { decodeCursor, encodeCursor, page, pageSize } from '../graphql/pagination';
import { isStorableTime } from '../graphql/times';
import type { CommandHistory } from './dispute-commands';
import type { DisputeFilter } from './dispute-filter.input';
import type { Dispute, DisputeConnection, DisputeEvent, DisputeEventConnection, MessageConnection } from './dispute.types';

/** A dispute the viewer may read: its id and projected state. */
export interface VisibleDispute {
  disputeId: string;
  state: DisputeState;
  row: DisputeProjectionRow;
}

const QUEUE_STATUSES = ['UNDER_MEDIATION', 'UNDER_APPEAL'];

/**
 * Reads disputes from the projection (and messages and events from the history), showing each
 * caller only what the domain's canRead lets them see. Lists narrow in SQL by the same rule, then
 * every row is checked with canRead itself.
 */
export class DisputeReader implements CommandHistory {
  constructor(private readonly dataSource: DataSource) {}

  /** The dispute, or NOT_FOUND when it does not exist or the viewer may not see it (the two look alike). */
  async visible(viewer: Viewer, disputeId: string, field = 'id'): Promise<VisibleDispute> {
    const row = isUuid(disputeId) ? await this.dataSource.getRepository(DisputeProjectionRow).findOneBy({ disputeId }) : null;
    if (!row || !canRead(row.state as DisputeState, viewer)) {
      throw new ApiError('NOT_FOUND', `No dispute ${disputeId} exists that you can see.`, field);
    }
    return { disputeId: row.disputeId, state: row.state as DisputeState, row };
  }

  async get(viewer: Viewer, disputeId: string, field = 'id'): Promise<Dispute> {
    return toDispute((await this.visible(viewer, disputeId, field)).row, viewer);
  }

  async stateOf(disputeId: string): Promise<DisputeState | null> {
    const row = await this.dataSource.getRepository(DisputeProjectionRow).findOneBy({ disputeId });
    return row ? (row.state as DisputeState) : null;
  }

  async sequencesOfCommand(disputeId: string, commandId: string): Promise<number[]> {
    const rows: { sequence: number }[] = await this.dataSource.query('SELECT sequence FROM dispute_events WHERE dispute_id = $1 AND command_id = $2 ORDER BY sequence', [disputeId, commandId]);
    return rows.map((row) => row.sequence);
  }

  async list(viewer: Viewer, filter: DisputeFilter | null | undefined, first: number, after: string | null | undefined): Promise<DisputeConnection> {
    const size = pageSize(first);
    const cursor = decodeCursor<[string, string]>(after, ['string', 'string']);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    switch (viewer.role) {
      case 'BUYER':
        where.push(`buyer_id = ${param(viewer.id)}`);
        break;
      case 'SELLER':
        where.push(`seller_id = ${param(viewer.id)}`);
        break;
      case 'MEDIATOR':
        where.push(`(state->>'everEscalated')::boolean`);
        break;
      case 'AUDITOR':
        break;
      case 'SYSTEM':
        return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    }
    if (filter?.statuses?.length) where.push(`status = ANY(${param(filter.statuses)})`);
    if (filter?.orderId) where.push(`order_id = ${param(filter.orderId)}`);
    if (filter?.buyerId) where.push(`buyer_id = ${param(filter.buyerId)}`);
    if (filter?.sellerId) where.push(`seller_id = ${param(filter.sellerId)}`);
    if (filter?.mediatorId) where.push(`state->'mediation'->>'mediatorId' = ${param(filter.mediatorId)}`);
    if (filter?.deadlineBefore) where.push(`next_deadline_at < ${param(isoTime(filter.deadlineBefore, 'filter.deadlineBefore'))}`);
    if (cursor) {
      if (!isUuid(cursor[1])) throw new ApiError('VALIDATION', 'The cursor is not one this API handed out.', 'after');
      const openedAt = isoTime(cursor[0], 'after', 'The cursor is not one this API handed out.');
      where.push(`(opened_at, dispute_id) < (${param(openedAt)}::timestamptz, ${param(cursor[1])}::uuid)`);
    }
    const raw: RawDisputeRow[] = await this.dataSource.query(
      `SELECT * FROM disputes ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC, dispute_id DESC LIMIT ${param(size + 1)}`,
      params,
    );
    const rows = raw.map(fromRaw);
    const visible = rows.filter((row) => canRead(row.state as DisputeState, viewer));
    const connection = page(visible, size, (row) => encodeCursor([row.openedAt.toISOString(), row.disputeId]));
    return { edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: toDispute(edge.node, viewer) })), pageInfo: connection.pageInfo };
  }

  /** Escalated and appealed cases waiting for a mediator: unclaimed first, then by SLA deadline. */
  async mediationQueue(viewer: Viewer, first: number): Promise<Dispute[]> {
    const size = pageSize(first);
    const rows: RawDisputeRow[] = await this.dataSource.query(
      `SELECT * FROM disputes WHERE status = ANY($1)
        ORDER BY (state->'mediation'->>'mediatorId') IS NOT NULL, (state->'mediation'->>'slaDueAt')::timestamptz, dispute_id
        LIMIT $2`,
      [QUEUE_STATUSES, size],
    );
    return rows.map(fromRaw).filter((row) => canRead(row.state as DisputeState, viewer)).map((row) => toDispute(row, viewer));
  }

  /** The conversation, oldest first; message text lives only in the history. */
  async messages(disputeId: string, first: number, after: string | null | undefined, totalCount: number): Promise<MessageConnection> {
    const size = pageSize(first);
    const [from] = decodeCursor<[number]>(after, ['number']) ?? [0];
    const rows: { sequence: number; payload: MessagePostedData }[] = await this.dataSource.query(
      `SELECT sequence, payload FROM dispute_events WHERE dispute_id = $1 AND type = 'MessagePosted' AND sequence > $2 ORDER BY sequence LIMIT $3`,
      [disputeId, from, size + 1],
    );
    const messages = rows.map((row) => ({
      messageId: row.payload.messageId,
      sequence: row.sequence,
      authorRole: row.payload.author.role,
      authorId: row.payload.author.id,
      body: row.payload.body,
      at: row.payload.at,
    }));
    return { ...page(messages, size, (message) => encodeCursor([message.sequence])), totalCount };
  }

  async events(viewer: Viewer, disputeId: string, first: number, after: string | null | undefined): Promise<DisputeEventConnection> {
    await this.visible(viewer, disputeId, 'disputeId');
    const size = pageSize(first);
    const [from] = decodeCursor<[number]>(after, ['number']) ?? [0];
    const rows: RawEventRow[] = await this.dataSource.query(
      `SELECT sequence, type, payload, actor_role, actor_id, occurred_at, recorded_at, command_id, schema_version, previous_hash, hash
         FROM dispute_events WHERE dispute_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`,
      [disputeId, from, size + 1],
    );
    const events: DisputeEvent[] = rows.map((row) => ({
      sequence: row.sequence,
      type: row.type,
      payload: JSON.stringify(row.payload),
      actor: { role: row.actor_role, id: row.actor_id },
      occurredAt: row.occurred_at.toISOString(),
      recordedAt: row.recorded_at.toISOString(),
      // Command ids embed the caller's account and key: auditors see them, parties do not.
      commandId: viewer.role === 'AUDITOR' ? row.command_id : null,
      schemaVersion: row.schema_version,
      previousHash: row.previous_hash,
      hash: row.hash,
    }));
    return page(events, size, (event) => encodeCursor([event.sequence]));
  }
}

interface RawEventRow {
  sequence: number;
  type: string;
  payload: unknown;
  actor_role: string;
  actor_id: string;
  occurred_at: Date;
  recorded_at: Date;
  command_id: string | null;
  schema_version: number;
  previous_hash: string;
  hash: string;
}

export interface RawDisputeRow {
  dispute_id: string;
  order_id: string;
  buyer_id: string;
  seller_id: string;
  status: string;
  reason: string;
  version: number;
  state: unknown;
  head_hash: string;
  next_deadline_at: Date | null;
  opened_at: Date;
  updated_at: Date;
}

export function fromRaw(raw: RawDisputeRow): DisputeProjectionRow {
  return Object.assign(new DisputeProjectionRow(), {
    disputeId: raw.dispute_id,
    orderId: raw.order_id,
    buyerId: raw.buyer_id,
    sellerId: raw.seller_id,
    status: raw.status,
    reason: raw.reason,
    version: raw.version,
    state: raw.state,
    headHash: raw.head_hash,
    nextDeadlineAt: raw.next_deadline_at,
    openedAt: raw.opened_at,
    updatedAt: raw.updated_at,
  });
}

/** The case file a Dispute and an auditor's snapshot both show, mapped once from the domain state. */
export function caseFileOf(state: DisputeState) {
  return {
    subReason: state.subReason,
    description: state.description ?? '',
    evidence: state.evidence.map((item) => ({ ...item, sizeBytes: item.sizeBytes ?? null, contentType: item.contentType ?? null })),
    offers: state.offers.map((offer) => ({ offerNumber: offer.offerNumber, by: offer.by, kind: offer.terms.kind, amount: offer.terms.amount, status: offer.status, madeAt: offer.madeAt })),
    messageCount: state.messageCount,
    sellerResponseDueAt: state.sellerRespondedAt ? null : state.sellerResponseDueAt,
    sellerRespondedAt: state.sellerRespondedAt,
    negotiationDueAt: state.negotiationDueAt,
    resolutionTargetAt: state.resolutionTargetAt,
    informationRequests: state.informationRequests.map((request) => ({ ...request })),
    mediation: state.mediation ? { ...state.mediation } : null,
    decision: state.decision ? { ...state.decision } : null,
    appeal: state.appeal ? { ...state.appeal } : null,
    returnShipment: state.return ? { ...state.return } : null,
    refund: state.refund ? { ...state.refund } : null,
    refundedMinor: state.refundedMinor,
    outcome: state.outcome ? { ...state.outcome } : null,
    resolvedVia: state.resolvedVia,
    resolvedAt: state.resolvedAt,
    closedAt: state.closedAt,
    withdrawnAt: state.withdrawnAt,
  };
}

/** The dispute as this viewer sees it now: the state, plus the domain's answers to "whose turn" and "what may I do". */
export function toDispute(row: DisputeProjectionRow, viewer: Viewer, now: string = new Date().toISOString()): Dispute {
  const state = row.state as DisputeState;
  return {
    id: row.disputeId,
    orderId: row.orderId,
    buyerId: row.buyerId,
    sellerId: row.sellerId,
    status: row.status,
    reason: row.reason,
    ...caseFileOf(state),
    openedAt: row.openedAt.toISOString(),
    deadlines: pendingDeadlines(state).map((deadline) => ({ kind: deadline.kind, dueAt: deadline.dueAt })),
    whoseTurn: whoseTurn(state),
    availableActions: availableActions(state, viewer, { now, order: state.order }).map(actionName),
    version: row.version,
    headHash: row.headHash,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function isoTime(value: string, field: string, message = `${field} must be an ISO-8601 time between the years 1 and 9999, e.g. 2026-12-01T10:00:00Z.`): string {
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || !isStorableTime(time)) throw new ApiError('VALIDATION', message, field);
  return new Date(time).toISOString();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);
