import { DEFAULT_POLICY_LINE, type Policy } from '../../../../libs/domain/src';
import { policyOf, type PolicyStore } from '../../../../libs/persistence/src';
import { ApiError } from '../graphql/errors';

/**
 * The policy an opening pins: the current version of its order's line, read from PostgreSQL on
 * every opening (one primary-key probe, about a millisecond; not cached, so a publish
 * applies to the very next opening on every API instance). `inProcess` stands in for the
 * default line's current version (tests with short windows).
 */
export class PolicySource {
  constructor(
    private readonly store: PolicyStore,
    private readonly inProcess?: Policy,
  ) {}

  async forLine(line: string): Promise<Policy> {
    if (this.inProcess && line === DEFAULT_POLICY_LINE) return this.inProcess;
    const current = await this.store.current(line);
    // Registration refuses a line never published and published versions are never removed,
    // so only an order written around the API gets here.
    if (!current) throw new ApiError('INVALID_STATE', `No policy is published on the order's policy line "${line}"; an administrator must publish one before disputes can open on it.`, 'orderId');
    return policyOf(current);
  }
}
