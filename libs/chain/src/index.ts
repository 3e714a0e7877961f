// The hash chain: canonical JSON and the SHA-256 of an event's hashed fields. The event store writes with it and libs/audit verifies with it.
export * from './hash-chain';
