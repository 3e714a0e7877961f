// The `dispute_events` table (the append-only history): its row type and one file per SQL operation.
export { isoFromMicros, type StoredEvent } from './stored-event';
export * from './read-stream';
export * from './read-streams';
export * from './read-messages';
export * from './sequences-of-command';
export * from './last-sequence';
export * from './streams-recorded-between';
export * from './recorded-dispute-ids';
export * from './lock-stream';
export * from './read-chain-links';
export * from './insert-events';
