// Webhook endpoints, their delivery log and the mutations' idempotency keys: one file per SQL operation.
export * from './webhook-endpoint-row';
export * from './webhook-delivery-row';
export * from './insert-webhook-endpoint';
export * from './count-webhook-endpoints';
export * from './webhook-endpoints-of-owner';
export * from './find-webhook-endpoint';
export * from './update-webhook-endpoint';
export * from './delete-webhook-endpoint';
export * from './rotate-webhook-secret';
export * from './webhook-deliveries-of-endpoint';
export * from './find-webhook-delivery';
export * from './redeliver-webhook';
export * from './webhook-requests';
export * from './delivery-targets-of-account';
