import type { Queryable } from '../queryable';
import type { DisputeProjectionRow } from './dispute-projection-row';

export type ProjectionHead = Pick<DisputeProjectionRow, 'version' | 'headHash'>;

/** The version and chain head a dispute's projection row recorded (what the verifier holds the history against); null without a row. */
export async function readProjectionHead(db: Queryable, disputeId: string): Promise<ProjectionHead | null> {
  const [head] = await db.query<{ version: number; head_hash: string }[]>('SELECT version, head_hash FROM disputes WHERE dispute_id = $1', [disputeId]);
  return head ? { version: Number(head.version), headHash: head.head_hash } : null;
}
