import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seller performance (issue 14): one row of facts per dispute (the domain's
 * sellerDisputeFactsOf), written by the append in the events' transaction, read per seller
 * and opening window. Existing disputes get their rows from `npm run audit:rebuild -- --swap`,
 * which derives them from the events (docs/operating.md); the order count per seller and
 * window reads the orders table by the time the feed first registered each order.
 */
export class SellerDisputeFacts1764714000000 implements MigrationInterface {
  name = 'SellerDisputeFacts1764714000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE seller_dispute_facts (
        dispute_id             uuid        PRIMARY KEY,
        seller_id              text        NOT NULL,
        order_id               text        NOT NULL,
        version                integer     NOT NULL,
        opened_at              timestamptz NOT NULL,
        seller_response_due_at timestamptz NOT NULL,
        first_response_at      timestamptz,
        escalated              boolean     NOT NULL,
        outcome_kind           text,
        resolved_at            timestamptz,
        resolution_target_at   timestamptz NOT NULL,
        withdrawn_at           timestamptz,
        refunded_minor         bigint,
        refunded_currency      text,
        CHECK ((refunded_minor IS NULL) = (refunded_currency IS NULL))
      )`);
    await db.query(`CREATE INDEX seller_dispute_facts_seller_opened ON seller_dispute_facts (seller_id, opened_at)`);
    await db.query(`CREATE INDEX orders_seller_created ON orders (seller_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX orders_seller_created`);
    await db.query(`DROP TABLE seller_dispute_facts`);
  }
}
