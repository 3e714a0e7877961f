// The `disputes` table (the projection): its row type and one file per SQL operation.
export type { DisputeProjectionRow } from './dispute-projection-row';
export * from './read-projection';
export * from './read-projection-head';
export * from './list-disputes';
export * from './read-mediation-queue';
export * from './count-mediation-queue';
export * from './disputes-of-orders';
export * from './count-disputes';
export * from './states-citing-evidence';
export * from './all-dispute-ids';
export * from './upsert-projection';
export * from './rebuild/create-shadow-table';
export * from './rebuild/insert-projection-rows';
export * from './rebuild/compare-projection-tables';
export * from './rebuild/replace-projection-rows';
export * from './rebuild/hold-projection-writes';
export * from './rebuild/table-name';
