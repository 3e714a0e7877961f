// Verifies an export offline (no database): the events file must be byte for byte what the
// manifest describes and every chain must hold.
//   node dist/scripts/audit/verify-export.js <dir> [--manifest-sha256 <hex>] [--expect-head <disputeId>=<hash>]...
// Exit code 0 when the export verifies, 1 when anything is wrong, 2 on bad usage.
import { verifyExport } from '../../libs/audit/src';
import { EXIT_FAILED, EXIT_OK, UsageError, parse, run } from './cli';

const USAGE = 'usage: verify-export <directory> [--manifest-sha256 <hex>] [--expect-head <disputeId>=<hash>]... [--json]';

async function main(): Promise<number> {
  const { values, positionals } = parse(
    { 'manifest-sha256': { type: 'string' }, 'expect-head': { type: 'string', multiple: true }, json: { type: 'boolean' } },
    USAGE,
  );
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const expectedHeads: Record<string, string> = {};
  for (const pair of values['expect-head'] ?? []) {
    const [disputeId, head, ...rest] = pair.split('=');
    if (!disputeId || !head || rest.length > 0) throw new UsageError(`--expect-head takes <disputeId>=<hash>, got "${pair}"\n${USAGE}`);
    expectedHeads[disputeId] = head;
  }
  const result = await verifyExport(positionals[0], { manifestSha256: values['manifest-sha256'], expectedHeads });
  if (values.json) console.log(JSON.stringify(result));
  else if (result.valid) console.log(`OK: ${result.events} events of ${result.disputes.length} disputes verify.`);
  else {
    for (const problem of result.problems) console.log(`FAIL: ${problem}`);
    console.log(`The export does not verify (${result.problems.length} problems).`);
  }
  return result.valid ? EXIT_OK : EXIT_FAILED;
}

if (require.main === module) run(main);
