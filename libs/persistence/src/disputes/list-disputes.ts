import type { Queryable } from '../queryable';
import { selectProjections, type DisputeProjectionRow } from './dispute-projection-row';

/**
 * The disputes a list may hold at all, before its filter: the SQL side of a reader's rights
 * (the rows of a buyer, of a seller, those ever escalated, or all), decided by the caller.
 */
export type DisputeScope = { buyerId: string } | { sellerId: string } | { everEscalated: true } | { all: true };

/** Narrows a list; empty values narrow nothing. Times are ISO-8601 instants. */
export interface DisputeListFilter {
  statuses?: readonly string[] | null;
  orderId?: string | null;
  buyerId?: string | null;
  sellerId?: string | null;
  mediatorId?: string | null;
  deadlineBefore?: string | null;
  /** Opened at or after. */
  openedFrom?: string | null;
  /** Opened before. */
  openedBefore?: string | null;
  /** The dispute's reason (NOT_RECEIVED, NOT_AS_DESCRIBED). */
  reasons?: readonly string[] | null;
}

export interface DisputeListPage {
  /** The last row of the previous page: the list continues with the rows after it. */
  after?: Pick<DisputeProjectionRow, 'openedAt' | 'disputeId'> | null;
  limit: number;
}

/** The WHERE conditions shared by the list and its count, so the two always agree. */
export function disputeConditions(scope: DisputeScope, filter: DisputeListFilter, parameters: unknown[]): string[] {
  const where: string[] = [];
  const param = (value: unknown) => `$${parameters.push(value)}`;
  if ('buyerId' in scope) where.push(`buyer_id = ${param(scope.buyerId)}`);
  if ('sellerId' in scope) where.push(`seller_id = ${param(scope.sellerId)}`);
  if ('everEscalated' in scope) where.push(`(state->>'everEscalated')::boolean`);
  if (filter.statuses?.length) where.push(`status = ANY(${param(filter.statuses)})`);
  if (filter.reasons?.length) where.push(`reason = ANY(${param(filter.reasons)})`);
  if (filter.orderId) where.push(`order_id = ${param(filter.orderId)}`);
  if (filter.buyerId) where.push(`buyer_id = ${param(filter.buyerId)}`);
  if (filter.sellerId) where.push(`seller_id = ${param(filter.sellerId)}`);
  if (filter.mediatorId) where.push(`state->'mediation'->>'mediatorId' = ${param(filter.mediatorId)}`);
  if (filter.deadlineBefore) where.push(`next_deadline_at < ${param(filter.deadlineBefore)}`);
  if (filter.openedFrom) where.push(`opened_at >= ${param(filter.openedFrom)}::timestamptz`);
  if (filter.openedBefore) where.push(`opened_at < ${param(filter.openedBefore)}::timestamptz`);
  return where;
}

/** Projection rows in the scope that match the filter, newest opening first (ties by id, so pages never overlap). */
export function listDisputes(db: Queryable, scope: DisputeScope, filter: DisputeListFilter, page: DisputeListPage): Promise<DisputeProjectionRow[]> {
  const parameters: unknown[] = [];
  const where = disputeConditions(scope, filter, parameters);
  const param = (value: unknown) => `$${parameters.push(value)}`;
  if (page.after) where.push(`(opened_at, dispute_id) < (${param(page.after.openedAt)}::timestamptz, ${param(page.after.disputeId)}::uuid)`);
  const clauses = `${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC, dispute_id DESC LIMIT ${param(page.limit)}`;
  return selectProjections(db, clauses, parameters);
}
