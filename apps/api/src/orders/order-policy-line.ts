import type { OrderRecord, PolicyStore } from '../../../../libs/persistence/src';
import { ApiError } from '../graphql/errors';

/**
 * The feed's policy-line rule, for registerOrder and each item of registerOrders alike: a line is
 * usable once a version of it is published; an order on any other line could never open a
 * dispute, so it is refused (VALIDATION on `policyLine`) and nothing of it is stored.
 */
export async function requirePublishedLine(policies: PolicyStore, order: OrderRecord): Promise<void> {
  if (order.policyLine && !(await policies.current(order.policyLine))) {
    throw new ApiError('VALIDATION', `No policy has been published on line "${order.policyLine}"; an administrator publishes one first (publishPolicy or npm run policy:publish).`, 'policyLine');
  }
}
