// Verifies the hash chains of disputes in the database, and the stored files they cite.
//   node dist/scripts/audit/verify.js                   every dispute
//   node dist/scripts/audit/verify.js --dispute <id>    one dispute (repeatable)
//   --chain-only                                        skip re-hashing the cited files
//   --json                                              one JSON object per dispute instead of text
// The files are read from the evidence store the API uses (EVIDENCE_STORAGE, EVIDENCE_DIR, EVIDENCE_S3_*).
// Exit code 0 when every chain and every cited file holds, 1 when any is broken, missing or
// altered (or a dispute is unknown), 2 on bad usage. Files cited before the upload catalog was
// checked, whose hash no stored file has, are listed as UNVERIFIABLE without failing the run.
import { loadApiSettings } from '../../apps/api/src/api-settings';
import { verifyDisputeEvidence, verifyDisputeHistory, type DisputeHistoryVerification, type EvidenceVerification } from '../../libs/audit/src';
import { allDisputeIds } from '../../libs/persistence/src';
import { openContentStore, type ContentStore } from '../../libs/persistence/src/evidence-store';
import { EXIT_FAILED, EXIT_OK, UsageError, openDatabase, parse, run } from './cli';

const USAGE = 'usage: verify [--dispute <id>]... [--chain-only] [--json]';

function describeChain(disputeId: string, result: DisputeHistoryVerification | null): string {
  if (!result) return `BROKEN ${disputeId}: no events are stored for this dispute`;
  if (!result.valid) return `BROKEN ${disputeId} at event ${result.firstBrokenSequence}: ${result.problem}`;
  return `OK     ${disputeId}: ${result.length} events, head ${result.headHash}`;
}

/** One line per citation that is not intact, then a count of the intact ones. */
function describeFiles(disputeId: string, files: EvidenceVerification): string[] {
  const lines = files.citations.filter((check) => check.status !== 'INTACT').map((check) => `${check.status.padEnd(6)} ${disputeId} evidence ${check.evidenceId} at event ${check.sequence}: ${check.problem}`);
  const intact = files.citations.filter((check) => check.status === 'INTACT').length;
  return [...lines, `${files.valid ? 'OK    ' : 'BROKEN'} ${disputeId}: ${intact} of ${files.citations.length} cited files intact`];
}

async function main(): Promise<number> {
  const { values, positionals } = parse({ dispute: { type: 'string', multiple: true }, json: { type: 'boolean' }, 'chain-only': { type: 'boolean' } }, USAGE);
  if (positionals.length > 0) throw new UsageError(USAGE);
  const dataSource = await openDatabase('disputes-audit-verify');
  const store: (ContentStore & { close?(): void }) | null = values['chain-only'] ? null : openContentStore(loadApiSettings());
  try {
    const ids = values.dispute ?? (await allDisputeIds(dataSource));
    let broken = 0;
    for (const disputeId of ids) {
      const chain = await verifyDisputeHistory(dataSource, disputeId);
      const files = store && chain ? await verifyDisputeEvidence(dataSource, store, disputeId) : null;
      if (!chain?.valid || (files && !files.valid)) broken += 1;
      if (values.json) {
        console.log(JSON.stringify({ ...(chain ?? { disputeId, valid: false, problem: 'No events are stored for this dispute.' }), ...(files ? { files } : {}) }));
      } else {
        console.log(describeChain(disputeId, chain));
        if (files) for (const line of describeFiles(disputeId, files)) console.log(line);
      }
    }
    if (!values.json) console.log(`${ids.length} ${ids.length === 1 ? 'dispute' : 'disputes'} checked, ${broken} broken.`);
    return broken === 0 ? EXIT_OK : EXIT_FAILED;
  } finally {
    store?.close?.();
    await dataSource.destroy();
  }
}

if (require.main === module) run(main);
