import type { DataSource } from 'typeorm';
import { verifyDisputeHistory } from '../../../libs/audit/src';
import type { PlayedCase } from './cases';

interface EventRow {
  sequence: number;
  type: string;
  command_id: string | null;
}

/** What one dispute looks like in the store once its commands (and the refunds they imply) have settled. */
export interface CaseRecord {
  disputeId: string;
  script: string;
  status: string;
  eventTypes: string[];
  chainValid: boolean;
  chainProblem: string | null;
  /** The projection's version equals the number of events, and its head hash the last event's. */
  projectionMatches: boolean;
  refundedMinor: number;
  succeededRefunds: number;
  /** Each client key: how many separate times (runs of consecutive events) it took effect. */
  effectsPerKey: number[];
}

async function readCase(dataSource: DataSource, played: PlayedCase): Promise<CaseRecord> {
  // One snapshot for the events, the projection and the ledger: the workflow may still be appending.
  const { events, projection, refunds } = await dataSource.transaction('REPEATABLE READ', async (db) => {
    const events: EventRow[] = await db.query('SELECT sequence, type, command_id FROM dispute_events WHERE dispute_id = $1 ORDER BY sequence', [played.disputeId]);
    const [projection] = await db.query('SELECT status FROM disputes WHERE dispute_id = $1', [played.disputeId]);
    const [refunds] = await db.query(
      `SELECT coalesce(sum(amount_minor) FILTER (WHERE status = 'SUCCEEDED'), 0)::int AS refunded, count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS succeeded
         FROM refunds WHERE dispute_id = $1`,
      [played.disputeId],
    );
    return { events, projection, refunds };
  });
  const verification = await verifyDisputeHistory(dataSource, played.disputeId);
  return {
    disputeId: played.disputeId,
    script: played.script.name,
    status: projection?.status ?? 'MISSING',
    eventTypes: events.map((event) => event.type),
    chainValid: verification?.valid === true,
    chainProblem: verification?.problem ?? (verification ? null : 'no events'),
    projectionMatches: verification?.projection?.version === events.length && verification.projection.headHash === verification.headHash,
    refundedMinor: refunds.refunded,
    succeededRefunds: refunds.succeeded,
    effectsPerKey: played.keys.map((key) => effectsOf(events, key)),
  };
}

/** API command ids are `ROLE:account:key`; a command applied twice would show as two separate runs of its id. */
function effectsOf(events: EventRow[], key: string): number {
  let runs = 0;
  events.forEach((event, index) => {
    const mine = event.command_id?.endsWith(`:${key}`) === true;
    const previousMine = index > 0 && events[index - 1].command_id?.endsWith(`:${key}`) === true;
    if (mine && !previousMine) runs += 1;
  });
  return runs;
}

/**
 * Waits until every dispute shows the status its script implies (refunds settle after the
 * last answer), then returns each dispute's record. Times out with the records as they are,
 * so the assertion shows what is wrong instead of a bare timeout.
 */
export async function settledRecords(dataSource: DataSource, played: PlayedCase[], timeoutMs = 90_000): Promise<CaseRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const records = await Promise.all(played.map((one) => readCase(dataSource, one)));
    const settled = records.every((record, index) => record.status === played[index].script.expected.status && record.eventTypes.length >= played[index].script.expected.eventTypes.length);
    if (settled || Date.now() > deadline) return records;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The record each played case must have: the one outcome its commands allow, each command applied once, the chain intact. */
export function expectedRecord(played: PlayedCase): CaseRecord {
  const { expected } = played.script;
  return {
    disputeId: played.disputeId,
    script: played.script.name,
    status: expected.status,
    eventTypes: expected.eventTypes,
    chainValid: true,
    chainProblem: null,
    projectionMatches: true,
    refundedMinor: expected.refundedMinor,
    succeededRefunds: expected.refundedMinor > 0 ? 1 : 0,
    effectsPerKey: played.keys.map(() => 1),
  };
}
