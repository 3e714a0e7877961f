const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Dispute ids are UUIDs; anything else cannot exist (and must not reach a uuid column as a query error). */
export const isDisputeId = (value: string): boolean => UUID.test(value);
