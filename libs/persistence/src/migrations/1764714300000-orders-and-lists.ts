import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * My Orders and pageable lists (issue 14):
 * - `orders.title` (optional, from the feed) and `orders.placed_at` (when the order was placed,
 *   as the feed says; the first registration's time when it did not, which is what existing rows get);
 * - `order_feed_batches`: the answer to each `registerOrders` call that had an idempotency key;
 * - indexes in the order each list reads: orders per buyer / seller by placement, disputes per
 *   buyer / seller / everyone / escalated by opening, and the mediation queue.
 * The queue's keys live in the projection's jsonb state. Casting text to timestamptz is not
 * IMMUTABLE (it depends on the session's TimeZone), so it cannot be indexed directly;
 * `dispute_instant` is that cast for the rulebook's own times, which always carry their zone
 * ("...Z", formatIso), and so mean the same instant in every session.
 */
export class OrdersAndLists1764714300000 implements MigrationInterface {
  name = 'OrdersAndLists1764714300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders ADD COLUMN title text CHECK (title IS NULL OR length(title) BETWEEN 1 AND 500)`);
    await db.query(`ALTER TABLE orders ADD COLUMN placed_at timestamptz`);
    await db.query(`UPDATE orders SET placed_at = created_at`);
    await db.query(`ALTER TABLE orders ALTER COLUMN placed_at SET NOT NULL, ALTER COLUMN placed_at SET DEFAULT now()`);
    await db.query(`CREATE INDEX orders_buyer_placed ON orders (buyer_id, placed_at DESC, order_id DESC)`);
    await db.query(`CREATE INDEX orders_seller_placed ON orders (seller_id, placed_at DESC, order_id DESC)`);

    await db.query(`
      CREATE TABLE order_feed_batches (
        command_id   text        PRIMARY KEY,
        request_hash char(64)    NOT NULL,
        answer       jsonb       NOT NULL,
        recorded_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`GRANT SELECT, INSERT ON order_feed_batches TO dispute_app`);

    await db.query(`CREATE INDEX disputes_buyer_opened ON disputes (buyer_id, opened_at DESC, dispute_id DESC)`);
    await db.query(`CREATE INDEX disputes_seller_opened ON disputes (seller_id, opened_at DESC, dispute_id DESC)`);
    await db.query(`CREATE INDEX disputes_opened ON disputes (opened_at DESC, dispute_id DESC)`);
    await db.query(`CREATE INDEX disputes_escalated_opened ON disputes (opened_at DESC, dispute_id DESC) WHERE (state->>'everEscalated')::boolean`);

    await db.query(`CREATE FUNCTION dispute_instant(text) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$ SELECT $1::timestamptz $$`);
    await db.query(`
      CREATE INDEX disputes_mediation_queue ON disputes (
        ((state->'mediation'->>'mediatorId') IS NOT NULL), dispute_instant(state->'mediation'->>'slaDueAt'), dispute_id
      ) WHERE status IN ('UNDER_MEDIATION', 'UNDER_APPEAL')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX disputes_mediation_queue');
    await db.query('DROP FUNCTION dispute_instant(text)');
    for (const index of ['disputes_escalated_opened', 'disputes_opened', 'disputes_seller_opened', 'disputes_buyer_opened', 'orders_seller_placed', 'orders_buyer_placed']) await db.query(`DROP INDEX ${index}`);
    await db.query('DROP TABLE order_feed_batches');
    await db.query('ALTER TABLE orders DROP COLUMN placed_at, DROP COLUMN title');
  }
}
