export * from './data-source';
export * from './event-store';
export * from './order-store';
export * from './embedded-database';
export { DisputeEventRow } from './entities/dispute-event.entity';
export { DisputeProjectionRow } from './entities/dispute-projection.entity';
export { OrderRow } from './entities/order.entity';
export * from './refund-ledger';
export * from './notification-endpoints';
