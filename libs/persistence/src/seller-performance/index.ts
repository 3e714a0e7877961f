// Seller performance: the `seller_dispute_facts` projection (one row per dispute, written by the
// append) and the order counts it is divided by; one file per SQL operation.
export * from './upsert-seller-facts';
export * from './read-seller-facts';
export * from './count-seller-orders';
export * from './rebuild/create-seller-facts-shadow';
export * from './rebuild/insert-seller-facts-rows';
export * from './rebuild/compare-seller-facts-tables';
export * from './rebuild/replace-seller-facts-rows';
export * from './rebuild/hold-seller-facts-writes';
