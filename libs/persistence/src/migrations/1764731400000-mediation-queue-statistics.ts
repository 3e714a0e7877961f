import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics for the mediation queue's filters (docs/performance.md, "List queries and their plans").
 *
 * The queue's conditions are expressions over the projection's jsonb state (stage, escalation
 * reason, mediator, breach flag, SLA due time). PostgreSQL keeps no statistics on such
 * expressions, so it guessed 0.5% for each and multiplied the guesses as if independent of the
 * status: `claimed: false, slaBreached: true` was estimated at 14 rows (2,142 matched), and the
 * planner sorted all 10,000 queued cases instead of walking `disputes_mediation_queue`, whose
 * order puts exactly those cases first. (`NOT (mediatorId IS NOT NULL)` is rewritten by the
 * planner to `mediatorId IS NULL`, so the mediator expression itself is what needs statistics.)
 *
 * One extended statistics object over the status and those expressions gives each expression
 * its own statistics and their combinations an MCV list: every one of them is null outside the
 * queue, which only a joint statistic can tell the planner. The expressions are written exactly
 * as libs/persistence/src/disputes/read-mediation-queue.ts writes them (the planner matches them
 * by their parsed form). ANALYZE builds it now rather than at autovacuum's next turn.
 */
export class MediationQueueStatistics1764731400000 implements MigrationInterface {
  name = 'MediationQueueStatistics1764731400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE STATISTICS disputes_mediation_queue_keys ON
        status,
        (state->'mediation'->>'stage'),
        (state->'mediation'->>'reason'),
        (state->'mediation'->>'mediatorId'),
        (COALESCE((state->'mediation'->>'slaBreached')::boolean, false)),
        (dispute_instant(state->'mediation'->>'slaDueAt'))
      FROM disputes`);
    await db.query('ANALYZE disputes');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP STATISTICS disputes_mediation_queue_keys');
  }
}
