import type { RecordedEventInput } from '../../../contracts/src/activities';
import type { SqlParameters } from '../sql-parameters';

/** An event as handed to the store: what the workflow records (the contracts' RecordedEventInput). */
export type EventToAppend = RecordedEventInput;

/** An event ready to store: the canonical JSON of its hashed fields (libs/chain's eventJson) and its hash. */
export interface SealedEvent {
  json: string;
  hash: string;
}

/**
 * The INSERT of a batch of events, in sequence order, with their chain links and hashes; the
 * database adds the storage position and recording time. Each row's columns are read from the
 * text that was hashed (one parameter holds the batch as a JSON array of those texts, spliced,
 * not serialised again), so the payload is serialised once and stored exactly as hashed. The
 * chain trigger sees the rows the statement inserted before (PostgreSQL shows a BEFORE ROW
 * trigger the statement's earlier rows), so a batch chains as event-by-event inserts did.
 */
export function insertEventsSql(parameters: SqlParameters, events: readonly SealedEvent[]): string {
  const fields = parameters.add(`[${events.map((event) => event.json).join(',')}]`);
  const hashes = parameters.add(events.map((event) => event.hash));
  return `INSERT INTO dispute_events
       (dispute_id, sequence, type, payload, actor_role, actor_id, occurred_at, command_id, schema_version, previous_hash, hash)
     SELECT (e.fields->>'disputeId')::uuid, (e.fields->>'sequence')::integer, e.fields->>'type', e.fields->'payload',
            e.fields->'actor'->>'role', e.fields->'actor'->>'id', (e.fields->>'occurredAt')::timestamptz, e.fields->>'commandId',
            (e.fields->>'schemaVersion')::integer, e.fields->>'previousHash', h.hash
       FROM jsonb_array_elements(${fields}::jsonb) WITH ORDINALITY AS e (fields, ordinal)
       JOIN unnest(${hashes}::text[]) WITH ORDINALITY AS h (hash, ordinal) USING (ordinal)
      ORDER BY ordinal
     RETURNING sequence`;
}
