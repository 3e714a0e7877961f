// Times from the network go to PostgreSQL timestamptz columns, which take years 1 to 9999 the
// way Date#toISOString prints them; JavaScript dates reach year 275760 (printed "+275760-...")
// and year 0, both of which PostgreSQL refuses as a query error.
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/** Whether epoch milliseconds name a moment PostgreSQL can compare and store. */
export const isStorableTime = (epochMs: number): boolean => Number.isFinite(epochMs) && epochMs >= EARLIEST && epochMs <= LATEST;
