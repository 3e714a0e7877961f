// Exports dispute histories as NDJSON events plus a manifest.
//   node dist/scripts/audit/export.js --dispute <id> --out <dir>
//   node dist/scripts/audit/export.js --from <ISO> --to <ISO> --out <dir>   every dispute with events recorded in [from, to)
// Prints the manifest's SHA-256: keep it (or the head hashes) somewhere the exporter cannot rewrite.
// Exit code 0 on success, 1 when nothing matched or an exported chain is already broken, 2 on bad usage.
import { AuditInputError, exportHistories, type ExportSelection } from '../../libs/audit/src';
import { EXIT_FAILED, EXIT_OK, UsageError, openDatabase, parse, run } from './cli';

const USAGE = 'usage: export (--dispute <id> | --from <ISO> --to <ISO>) --out <directory>';

async function main(): Promise<number> {
  const { values, positionals } = parse({ dispute: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } }, USAGE);
  if (positionals.length > 0 || !values.out) throw new UsageError(USAGE);
  let selection: ExportSelection;
  if (values.dispute && !values.from && !values.to) selection = { disputeId: values.dispute };
  else if (!values.dispute && values.from && values.to) selection = { from: values.from, to: values.to };
  else throw new UsageError(USAGE);

  const dataSource = await openDatabase('disputes-audit-export');
  try {
    const result = await exportHistories(dataSource, selection, values.out).catch((error: unknown) => {
      if (error instanceof AuditInputError) throw new UsageError(`${error.message}\n${USAGE}`);
      throw error;
    });
    const { manifest } = result;
    for (const dispute of manifest.disputes) {
      console.log(`${dispute.validAtExport ? 'OK    ' : 'BROKEN'} ${dispute.disputeId}: ${dispute.events} events, head ${dispute.headHash}`);
    }
    console.log(`Exported ${manifest.events.count} events of ${manifest.disputes.length} disputes to ${result.directory}`);
    console.log(`events.ndjson sha256 ${manifest.events.sha256}`);
    console.log(`manifest.json sha256 ${result.manifestSha256}`);
    if (manifest.disputes.length === 0) {
      console.error('Nothing matched the selection.');
      return EXIT_FAILED;
    }
    const broken = manifest.disputes.filter((d) => !d.validAtExport).length;
    if (broken > 0) console.error(`${broken} exported histories are already broken in the database.`);
    return broken === 0 ? EXIT_OK : EXIT_FAILED;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) run(main);
