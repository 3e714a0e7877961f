import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Registered on the dev server by scripts/temporal.sh; the names must match there.
export const DisputeStatusKey = defineSearchAttributeKey('DisputeStatus', SearchAttributeType.KEYWORD);
export const DisputeBuyerIdKey = defineSearchAttributeKey('DisputeBuyerId', SearchAttributeType.KEYWORD);
export const DisputeSellerIdKey = defineSearchAttributeKey('DisputeSellerId', SearchAttributeType.KEYWORD);
export const DisputeOrderIdKey = defineSearchAttributeKey('DisputeOrderId', SearchAttributeType.KEYWORD);
export const DisputeNextDeadlineKey = defineSearchAttributeKey('DisputeNextDeadline', SearchAttributeType.DATETIME);
