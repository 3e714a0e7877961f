// The one row type of `seller_dispute_facts` and its mappers: every read and write of the table
// goes through here, so its column names stay in this file.
import type { OutcomeKind, SellerDisputeFacts } from '../../../domain/src';
import { minorUnitsFromColumn } from '../minor-units';
import type { Queryable } from '../queryable';

interface FactsColumns {
  dispute_id: string;
  seller_id: string;
  order_id: string;
  version: number;
  opened_at: Date;
  seller_response_due_at: Date;
  first_response_at: Date | null;
  escalated: boolean;
  outcome_kind: string | null;
  resolved_at: Date | null;
  resolution_target_at: Date;
  withdrawn_at: Date | null;
  refunded_minor: string | null;
  refunded_currency: string | null;
}

const iso = (value: Date | null): string | null => value?.toISOString() ?? null;

function factsOf(columns: FactsColumns): SellerDisputeFacts {
  return {
    disputeId: columns.dispute_id,
    sellerId: columns.seller_id,
    orderId: columns.order_id,
    version: columns.version,
    openedAt: columns.opened_at.toISOString(),
    sellerResponseDueAt: columns.seller_response_due_at.toISOString(),
    firstResponseAt: iso(columns.first_response_at),
    escalated: columns.escalated,
    outcomeKind: columns.outcome_kind as OutcomeKind | null,
    resolvedAt: iso(columns.resolved_at),
    resolutionTargetAt: columns.resolution_target_at.toISOString(),
    withdrawnAt: iso(columns.withdrawn_at),
    refunded:
      columns.refunded_minor === null || columns.refunded_currency === null
        ? null
        : { amountMinor: minorUnitsFromColumn(columns.refunded_minor), currency: columns.refunded_currency },
  };
}

/** The facts as columns, for writes that hand the database whole rows (jsonb_populate_recordset). */
export function factsColumnsOf(facts: SellerDisputeFacts): Record<keyof FactsColumns, unknown> {
  return {
    dispute_id: facts.disputeId,
    seller_id: facts.sellerId,
    order_id: facts.orderId,
    version: facts.version,
    opened_at: facts.openedAt,
    seller_response_due_at: facts.sellerResponseDueAt,
    first_response_at: facts.firstResponseAt,
    escalated: facts.escalated,
    outcome_kind: facts.outcomeKind,
    resolved_at: facts.resolvedAt,
    resolution_target_at: facts.resolutionTargetAt,
    withdrawn_at: facts.withdrawnAt,
    refunded_minor: facts.refunded?.amountMinor ?? null,
    refunded_currency: facts.refunded?.currency ?? null,
  };
}

/** Facts rows, mapped: `SELECT * FROM seller_dispute_facts <clauses>`. */
export async function selectSellerFacts(db: Queryable, clauses: string, parameters: unknown[]): Promise<SellerDisputeFacts[]> {
  const rows = await db.query<FactsColumns[]>(`SELECT * FROM seller_dispute_facts ${clauses}`, parameters);
  return rows.map(factsOf);
}
