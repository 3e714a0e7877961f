import type { SellerDisputeFacts } from '../../../domain/src';
import type { Queryable } from '../queryable';
import { selectSellerFacts } from './seller-facts-row';

/** The facts of a seller's disputes opened in [from, to), oldest first (index seller_dispute_facts_seller_opened). */
export function readSellerFacts(db: Queryable, sellerId: string, from: string, to: string): Promise<SellerDisputeFacts[]> {
  return selectSellerFacts(db, 'WHERE seller_id = $1 AND opened_at >= $2 AND opened_at < $3 ORDER BY opened_at, dispute_id', [sellerId, from, to]);
}
