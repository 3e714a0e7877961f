// Rebuilds the dispute projection and the seller facts (seller performance) from the events into
// fresh tables and compares them with the live ones.
//   node dist/scripts/audit/rebuild-projections.js                  every dispute, into disputes_rebuild and seller_dispute_facts_rebuild (kept for inspection)
//   --dispute <id>   only these disputes (repeatable)
//   --table <name>   the fresh table (default disputes_rebuild; replaced if it exists); the facts go to <name>_seller_facts
//   --swap           replace the live rows that differ with the rebuilt ones
// Exit code 0 when the live projections equal the rebuilt ones (or was made equal by --swap), 1 otherwise, 2 on bad usage.
import { rebuildProjections } from '../../libs/audit/src';
import { EXIT_FAILED, EXIT_OK, UsageError, openDatabase, parse, run } from './cli';

const USAGE = 'usage: rebuild-projections [--dispute <id>]... [--table <name>] [--swap]';

async function main(): Promise<number> {
  const { values, positionals } = parse({ dispute: { type: 'string', multiple: true }, table: { type: 'string' }, swap: { type: 'boolean' } }, USAGE);
  if (positionals.length > 0) throw new UsageError(USAGE);
  if (values.table !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(values.table)) throw new UsageError(`--table must be a plain lower-case name\n${USAGE}`);
  if (values.table === 'disputes') throw new UsageError(`--table must not be the live table\n${USAGE}`);
  const dataSource = await openDatabase('disputes-audit-rebuild');
  try {
    const report = await rebuildProjections(dataSource, { table: values.table, disputeIds: values.dispute, swap: values.swap ?? false });
    for (const difference of report.differences) {
      const what = difference.kind === 'DIFFERENT' ? `columns ${difference.columns.join(', ')}` : difference.kind;
      console.log(`DIFF ${difference.disputeId}: ${what}${difference.detail ? ` (${difference.detail})` : ''}`);
    }
    for (const difference of report.factDifferences) {
      const what = difference.kind === 'DIFFERENT' ? `columns ${difference.columns.join(', ')}` : difference.kind;
      console.log(`DIFF seller facts ${difference.disputeId}: ${what}${difference.detail ? ` (${difference.detail})` : ''}`);
    }
    console.log(`Rebuilt ${report.disputes} disputes from ${report.events} events into ${report.table}: ${report.differences.length} differ from the live projection.`);
    console.log(`Rebuilt their seller facts into ${report.factsTable}: ${report.factDifferences.length} differ from the live seller_dispute_facts.`);
    if (values.swap) console.log(`Swapped in ${report.swapped} rebuilt rows and ${report.factsSwapped} rebuilt seller facts.`);
    const differing = [...report.differences, ...report.factDifferences];
    const remaining = values.swap ? differing.filter((d) => d.kind === 'UNFOLDABLE').length : differing.length;
    return remaining === 0 ? EXIT_OK : EXIT_FAILED;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) run(main);
