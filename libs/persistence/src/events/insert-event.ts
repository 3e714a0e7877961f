import type { RecordedEventInput } from '../../../contracts/src/activities';
import type { Queryable } from '../queryable';
import type { StoredEvent } from './stored-event';

/** An event as handed to the store: what the workflow records (the contracts' RecordedEventInput). */
export type EventToAppend = RecordedEventInput;

/** Writes one event with its chain link and hash; the database adds the storage position and recording time. */
export async function insertEvent(db: Queryable, event: Omit<StoredEvent, 'globalPosition' | 'recordedAt'>): Promise<void> {
  await db.query(
    `INSERT INTO dispute_events
       (dispute_id, sequence, type, payload, actor_role, actor_id, occurred_at, command_id, schema_version, previous_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      event.disputeId,
      event.sequence,
      event.type,
      JSON.stringify(event.payload),
      event.actor.role,
      event.actor.id,
      event.occurredAt,
      event.commandId,
      event.schemaVersion,
      event.previousHash,
      event.hash,
    ],
  );
}
