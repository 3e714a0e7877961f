/**
 * ApplicationFailure types that cross the workflow boundary. Business rejections use the
 * domain's RejectionCode as their type; these are the infrastructure ones.
 */
export const EVENT_SEQUENCE_CONFLICT = 'EVENT_SEQUENCE_CONFLICT';

/**
 * An Update refused because the dispute's workflow is about to continue as new (each run
 * accepts a bounded number of Updates). Nothing was recorded; send the same Update again
 * (same update id) a moment later and the next run takes it. `sendCommandUpdate` does that.
 */
export const RUN_ROLLOVER = 'RUN_ROLLOVER';
