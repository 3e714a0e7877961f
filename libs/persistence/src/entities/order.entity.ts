import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrderLine, ReturnAddress } from '../../../domain/src';
import { minorUnitsFromColumn } from '../minor-units';

const MINOR_UNITS = { to: (v: number) => v, from: minorUnitsFromColumn };

/** An order as the marketplace's order feed last described it (mutable reference data, not history). */
@Entity({ name: 'orders' })
export class OrderRow {
  @PrimaryColumn({ name: 'order_id', type: 'text' })
  orderId: string;

  @Column({ name: 'buyer_id', type: 'text' })
  buyerId: string;

  @Column({ name: 'seller_id', type: 'text' })
  sellerId: string;

  @Column({ name: 'amount_paid_minor', type: 'bigint', transformer: MINOR_UNITS })
  amountPaidMinor: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'amount_refunded_minor', type: 'bigint', transformer: MINOR_UNITS })
  amountRefundedMinor: number;

  @Column({ type: 'jsonb' })
  lines: OrderLine[];

  @Column({ name: 'shipped_at', type: 'timestamptz', nullable: true })
  shippedAt: Date | null;

  @Column({ name: 'delivery_deadline_at', type: 'timestamptz' })
  deliveryDeadlineAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'return_address', type: 'jsonb', nullable: true })
  returnAddress: ReturnAddress | null;

  /** The policy line the feed named for the order (`default` when it named none); openings pin its current version. */
  @Column({ name: 'policy_line', type: 'text' })
  policyLine: string;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ name: 'placed_at', type: 'timestamptz' })
  placedAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
