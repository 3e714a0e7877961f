import type { SellerDisputeFacts } from '../../../domain/src';
import type { Queryable } from '../queryable';
import { factsColumnsOf } from './seller-facts-row';

/** Writes a dispute's seller facts, unless the stored ones already reflect this version or a later one. */
export async function upsertSellerFacts(db: Queryable, facts: SellerDisputeFacts): Promise<void> {
  // The version guard keeps a late retry from rolling the facts back, as for the projection.
  await db.query(
    `INSERT INTO seller_dispute_facts SELECT * FROM jsonb_populate_record(NULL::seller_dispute_facts, $1::jsonb)
     ON CONFLICT (dispute_id) DO UPDATE SET
       seller_id = EXCLUDED.seller_id, order_id = EXCLUDED.order_id, version = EXCLUDED.version, opened_at = EXCLUDED.opened_at,
       seller_response_due_at = EXCLUDED.seller_response_due_at, first_response_at = EXCLUDED.first_response_at,
       escalated = EXCLUDED.escalated, outcome_kind = EXCLUDED.outcome_kind, resolved_at = EXCLUDED.resolved_at,
       resolution_target_at = EXCLUDED.resolution_target_at, withdrawn_at = EXCLUDED.withdrawn_at,
       refunded_minor = EXCLUDED.refunded_minor, refunded_currency = EXCLUDED.refunded_currency
     WHERE seller_dispute_facts.version < EXCLUDED.version`,
    [JSON.stringify(factsColumnsOf(facts))],
  );
}
