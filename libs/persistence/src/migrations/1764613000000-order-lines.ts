import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Order lines as the feed describes them (line id, SKU, title, quantity, unit price in minor
 * units, amount refunded on the line), kept as one jsonb list per order: the order is reference
 * data the feed replaces whole, and the lines are read only with their order. Amounts inside are
 * JSON numbers, exact up to 2^53 - 1, the limit the domain and the API enforce. The order's own
 * amounts were bigint from the first migration, so no amount column changes.
 */
export class OrderLines1764613000000 implements MigrationInterface {
  name = 'OrderLines1764613000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders ADD COLUMN lines jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(lines) = 'array')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE orders DROP COLUMN lines');
  }
}
