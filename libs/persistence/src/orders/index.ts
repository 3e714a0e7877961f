// The `orders` table's list reads and writes, and the order feed's batch memory: one file per SQL operation.
export * from './list-orders';
export * from './count-orders';
export * from './find-orders';
export * from './upsert-order';
export * from './order-feed-batches';
