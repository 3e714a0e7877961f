// Verifies the hash chains of disputes in the database.
//   node dist/scripts/audit/verify.js                   every dispute
//   node dist/scripts/audit/verify.js --dispute <id>    one dispute (repeatable)
//   --json                                              one JSON object per dispute instead of text
// Exit code 0 when every chain holds, 1 when any is broken (or a dispute is unknown), 2 on bad usage.
import type { DataSource } from 'typeorm';
import { verifyDisputeHistory, type DisputeHistoryVerification } from '../../libs/audit/src';
import { EXIT_FAILED, EXIT_OK, UsageError, openDatabase, parse, run } from './cli';

const USAGE = 'usage: verify [--dispute <id>]... [--json]';

export async function allDisputeIds(dataSource: DataSource): Promise<string[]> {
  const rows: { dispute_id: string }[] = await dataSource.query(
    'SELECT dispute_id::text AS dispute_id FROM dispute_events UNION SELECT dispute_id::text FROM disputes ORDER BY 1',
  );
  return rows.map((row) => row.dispute_id);
}

function describe(disputeId: string, result: DisputeHistoryVerification | null): string {
  if (!result) return `BROKEN ${disputeId}: no events are stored for this dispute`;
  if (!result.valid) return `BROKEN ${disputeId} at event ${result.firstBrokenSequence}: ${result.problem}`;
  return `OK     ${disputeId}: ${result.length} events, head ${result.headHash}`;
}

async function main(): Promise<number> {
  const { values, positionals } = parse({ dispute: { type: 'string', multiple: true }, json: { type: 'boolean' } }, USAGE);
  if (positionals.length > 0) throw new UsageError(USAGE);
  const dataSource = await openDatabase('disputes-audit-verify');
  try {
    const ids = values.dispute ?? (await allDisputeIds(dataSource));
    let broken = 0;
    for (const disputeId of ids) {
      const result = await verifyDisputeHistory(dataSource, disputeId);
      if (!result?.valid) broken += 1;
      console.log(values.json ? JSON.stringify(result ?? { disputeId, valid: false, problem: 'No events are stored for this dispute.' }) : describe(disputeId, result));
    }
    if (!values.json) console.log(`${ids.length} ${ids.length === 1 ? 'dispute' : 'disputes'} checked, ${broken} broken.`);
    return broken === 0 ? EXIT_OK : EXIT_FAILED;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) run(main);
