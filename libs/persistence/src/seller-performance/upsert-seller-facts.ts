import type { SellerDisputeFacts } from '../../../domain/src';
import type { SqlParameters } from '../sql-parameters';
import { factsColumnsOf } from './seller-facts-row';

/** The write of a dispute's seller facts, unless the stored ones already reflect this version or a later one (part of the append's statement). */
export function upsertSellerFactsSql(parameters: SqlParameters, facts: SellerDisputeFacts): string {
  const row = parameters.add(JSON.stringify(factsColumnsOf(facts)));
  // The version guard keeps a late retry from rolling the facts back, as for the projection.
  return `INSERT INTO seller_dispute_facts SELECT * FROM jsonb_populate_record(NULL::seller_dispute_facts, ${row}::jsonb)
     ON CONFLICT (dispute_id) DO UPDATE SET
       seller_id = EXCLUDED.seller_id, order_id = EXCLUDED.order_id, version = EXCLUDED.version, opened_at = EXCLUDED.opened_at,
       seller_response_due_at = EXCLUDED.seller_response_due_at, first_response_at = EXCLUDED.first_response_at,
       escalated = EXCLUDED.escalated, outcome_kind = EXCLUDED.outcome_kind, resolved_at = EXCLUDED.resolved_at,
       resolution_target_at = EXCLUDED.resolution_target_at, withdrawn_at = EXCLUDED.withdrawn_at,
       refunded_minor = EXCLUDED.refunded_minor, refunded_currency = EXCLUDED.refunded_currency
     WHERE seller_dispute_facts.version < EXCLUDED.version`;
}
