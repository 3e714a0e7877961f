/**
 * ApplicationFailure types that cross the workflow boundary. Business rejections use the
 * domain's RejectionCode as their type; these are the infrastructure ones.
 */
export const EVENT_SEQUENCE_CONFLICT = 'EVENT_SEQUENCE_CONFLICT';
