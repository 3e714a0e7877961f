// Seller performance and the platform's domain metrics: the facts of a dispute, the figures of a seller, their arithmetic.
export * from './arithmetic';
export * from './seller-facts';
export * from './seller-performance';
export * from './domain-metrics';
