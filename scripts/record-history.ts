import { writeFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { loadConfigOrExit } from '../libs/platform/src';

/**
 * Saves a dispute workflow's history as JSON, e.g. to keep a live case as a replay fixture
 * (test/replay/histories) before shipping a workflow change:
 *   node dist/scripts/record-history.js dispute-<id> test/replay/histories/<name>.json
 */
async function main(): Promise<void> {
  const [workflowId, file] = process.argv.slice(2);
  if (!workflowId || !file) {
    console.error('usage: node dist/scripts/record-history.js <workflow id> <output file>');
    process.exit(2);
  }
  const config = loadConfigOrExit();
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    const client = new Client({ connection, namespace: config.temporal.namespace });
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    writeFileSync(file, `${historyToJSON(history)}\n`);
    console.log(`${workflowId}: ${history.events?.length ?? 0} events written to ${file}`);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
