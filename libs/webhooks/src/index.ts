// Webhook endpoints: where deliveries may go, how they are signed and verified, what an endpoint may subscribe to.
export * from './safe-url';
export * from './signature';
export * from './endpoint-rules';
