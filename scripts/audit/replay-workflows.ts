// Replays dispute workflow histories from Temporal against this build's workflow code: the bundle
// `npm run build` wrote (dist/workflows/bundle.js), the very file the worker loads.
//   node dist/scripts/audit/replay-workflows.js                    every dispute workflow (WorkflowType = 'disputeWorkflow')
//   node dist/scripts/audit/replay-workflows.js --dispute <id>     one dispute, all of its runs
//   node dist/scripts/audit/replay-workflows.js --query "<visibility query>"
//   --allow-empty   succeed when nothing matched (otherwise an empty selection fails, so a typo cannot pass)
// Uses TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE. Exit code 0 when every history replays, 1 on any failure, 2 on bad usage.
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { deployedWorkflowCode, describeWorkflowCode } from '../../apps/worker/src/workflow-code';
import { replayWorkflows } from '../../libs/audit/src/workflow-replay';
import { loadConfigOrExit } from '../../libs/platform/src';
import { EXIT_FAILED, EXIT_OK, UsageError, parse, run } from './cli';

const USAGE = 'usage: replay-workflows [--dispute <id> | --query <visibility query>] [--allow-empty]';

async function main(): Promise<number> {
  const { values, positionals } = parse({ dispute: { type: 'string' }, query: { type: 'string' }, 'allow-empty': { type: 'boolean' } }, USAGE);
  if (positionals.length > 0 || (values.dispute && values.query)) throw new UsageError(USAGE);
  const config = loadConfigOrExit();
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    const client = new Client({ connection, namespace: config.temporal.namespace });
    const workflows = deployedWorkflowCode();
    console.log(`workflow code: ${describeWorkflowCode(workflows)}`);
    const report = await replayWorkflows({
      client,
      workflows,
      target: values.dispute ? { disputeId: values.dispute } : values.query ? { query: values.query } : undefined,
      onResult: (result) =>
        console.log(
          result.ok ? `OK     ${result.workflowId} ${result.runId}` : `${result.nondeterministic ? 'NONDET' : 'FAILED'} ${result.workflowId} ${result.runId}: ${result.error}`,
        ),
    });
    console.log(`${report.results.length} workflow histories replayed (${report.query}), ${report.failures} failed.`);
    if (report.results.length === 0 && !values['allow-empty']) {
      console.error('Nothing matched; pass --allow-empty if that is expected.');
      return EXIT_FAILED;
    }
    return report.failures === 0 ? EXIT_OK : EXIT_FAILED;
  } finally {
    await connection.close();
  }
}

if (require.main === module) run(main);
