import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row of the append-only history. Written only by the event store's append; never updated. */
@Entity({ name: 'dispute_events' })
export class DisputeEventRow {
  // bigint arrives from pg as a string; positions are compared, never added, so that is fine.
  @PrimaryColumn({ name: 'global_position', type: 'bigint', insert: false, update: false })
  globalPosition: string;

  @Column({ name: 'dispute_id', type: 'uuid' })
  disputeId: string;

  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'jsonb' })
  payload: unknown;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole: string;

  @Column({ name: 'actor_id', type: 'text' })
  actorId: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz', insert: false, update: false })
  recordedAt: Date;

  @Column({ name: 'command_id', type: 'text', nullable: true })
  commandId: string | null;

  @Column({ name: 'schema_version', type: 'integer' })
  schemaVersion: number;

  @Column({ name: 'previous_hash', type: 'char', length: 64 })
  previousHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
