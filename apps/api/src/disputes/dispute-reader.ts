import type { DataSource } from 'typeorm';
import type { DisputeState } from '../../../../libs/domain/src';
import { canRead } from '../../../../libs/domain/src/visibility';
import { DisputeProjectionRow } from '../../../../libs/persistence/src';
import type { Viewer } from '../auth/viewer';
import { ApiError } from '../graphql/errors';
import type { Dispute } from './dispute.types';

/** Reads disputes from the projection, showing each caller only what the rules let them see. */
export class DisputeReader {
  constructor(private readonly dataSource: DataSource) {}

  async get(viewer: Viewer, disputeId: string): Promise<Dispute> {
    const row = isUuid(disputeId) ? await this.dataSource.getRepository(DisputeProjectionRow).findOneBy({ disputeId }) : null;
    if (!row || !canRead(row.state as DisputeState, viewer)) {
      throw new ApiError('NOT_FOUND', `No dispute ${disputeId} exists that you can see.`, 'id');
    }
    return toDispute(row);
  }
}

export function toDispute(row: DisputeProjectionRow): Dispute {
  const state = row.state as DisputeState;
  return {
    id: row.disputeId,
    orderId: row.orderId,
    buyerId: row.buyerId,
    sellerId: row.sellerId,
    status: row.status,
    reason: row.reason,
    subReason: state.subReason,
    description: state.description ?? '',
    evidence: state.evidence.map((item) => ({ ...item })),
    offers: state.offers.map((offer) => ({ offerNumber: offer.offerNumber, by: offer.by, kind: offer.terms.kind, amount: offer.terms.amount, status: offer.status, madeAt: offer.madeAt })),
    messageCount: state.messageCount,
    openedAt: row.openedAt.toISOString(),
    sellerResponseDueAt: state.sellerRespondedAt ? null : state.sellerResponseDueAt,
    resolutionTargetAt: state.resolutionTargetAt,
    version: row.version,
    headHash: row.headHash,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);
