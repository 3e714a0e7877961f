import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where an order's returns go, as the order feed knows it (rulebook, second edition). Reference
 * data like the rest of the row: NULL when the feed has not said, and the dispute rules then
 * need the seller to name an address when a return is agreed.
 */
export class OrderReturnAddress1764640000000 implements MigrationInterface {
  name = 'OrderReturnAddress1764640000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders ADD COLUMN return_address jsonb CHECK (return_address IS NULL OR jsonb_typeof(return_address) = 'object')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders DROP COLUMN return_address`);
  }
}
