import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model of one dispute: the domain state folded from its events, plus columns to filter on. */
@Entity({ name: 'disputes' })
export class DisputeProjectionRow {
  @PrimaryColumn({ name: 'dispute_id', type: 'uuid' })
  disputeId: string;

  @Column({ name: 'order_id', type: 'text' })
  orderId: string;

  @Column({ name: 'buyer_id', type: 'text' })
  buyerId: string;

  @Column({ name: 'seller_id', type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  state: unknown;

  @Column({ name: 'head_hash', type: 'char', length: 64 })
  headHash: string;

  @Column({ name: 'next_deadline_at', type: 'timestamptz', nullable: true })
  nextDeadlineAt: Date | null;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
