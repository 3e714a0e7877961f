import type { Queryable } from '../queryable';
import { disputeConditions, type DisputeListFilter, type DisputeScope } from './list-disputes';

/** How many disputes a list holds in all: the same conditions as listDisputes, counted. */
export async function countDisputes(db: Queryable, scope: DisputeScope, filter: DisputeListFilter): Promise<number> {
  const parameters: unknown[] = [];
  const where = disputeConditions(scope, filter, parameters);
  const [row] = await db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM disputes ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`, parameters);
  return row.total;
}
