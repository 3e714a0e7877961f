// The deployed heap limit holds under load. The compiled worker starts as the deployment starts
// it (NODE_OPTIONS and MALLOC_ARENA_MAX from deploy/kubernetes/worker.yaml, the workflow bundle
// the build wrote) and takes more openings than its workflow cache holds (250), so the cache runs
// full and evicts, as it does in production with thousands of open disputes. The worker must
// serve every opening, stay ready (a workflow thread that ran out of heap fails the worker), and
// its main V8 heap, read from its /metrics after every batch, must stay under the limit the flags
// set. The peak figures are printed, not asserted against time or a guess.
import { join } from 'node:path';
import { DEFAULT_WORKER_MAX_CACHED_WORKFLOWS } from '../../libs/platform/src/config';
import { deployedWorkerProcessEnv, heapLimitBytes } from '../../fixtures/worker-process';
import { openDisputeWorkflow } from '../support/commands';
import { TEMPORAL_ADDRESS, TEST_DATABASE_URL, uniqueTaskQueue } from '../support/environment';
import { anOrder } from '../support/fixtures';
import { connectClient } from '../support/temporal';
import { faultHarness } from './support/harness';
import { serviceEnvironment } from './support/services';

const OPENINGS = 400;
const BATCH = 50;
const IN_FLIGHT = 16;

/** One sample of a Prometheus text page (prom-client labels each with the service name). */
function sample(text: string, name: string): number {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  if (!match) throw new Error(`/metrics has no ${name}`);
  return Number(match[1]);
}

describe('the worker under the deployed heap limit', () => {
  const harness = faultHarness();

  it(`serves ${OPENINGS} openings, more than its cache holds, and stays up with its heap under the limit`, async () => {
    expect(OPENINGS).toBeGreaterThan(DEFAULT_WORKER_MAX_CACHED_WORKFLOWS);
    const deployed = deployedWorkerProcessEnv(join(__dirname, '..', '..'));
    const limit = heapLimitBytes(deployed.NODE_OPTIONS);
    const taskQueue = uniqueTaskQueue('worker-heap');
    const worker = await harness.start('worker', 'worker', { ...serviceEnvironment(TEST_DATABASE_URL, TEMPORAL_ADDRESS, taskQueue), LOG_LEVEL: 'info', ...deployed });
    const metrics = async () => (await fetch(`${worker.url}/metrics`)).text();

    // The flags reached the process, and it runs the build's bundle rather than webpack.
    expect(sample(await metrics(), 'nodejs_heap_size_limit_bytes')).toBe(limit);
    expect(worker.logTail(200)).toContain('"workflowCode":"prebuilt bundle');

    const client = await connectClient();
    const heapUsed: number[] = [];
    const rss: number[] = [];
    const statuses: string[] = [];
    try {
      for (let opened = 0; opened < OPENINGS; opened += BATCH) {
        let next = 0;
        await Promise.all(
          Array.from({ length: IN_FLIGHT }, async () => {
            while (next < BATCH) {
              next += 1;
              const result = await openDisputeWorkflow(client, taskQueue, anOrder());
              statuses.push(result.state.status);
            }
          }),
        );
        const text = await metrics();
        heapUsed.push(sample(text, 'nodejs_heap_size_used_bytes'));
        rss.push(sample(text, 'process_resident_memory_bytes'));
      }
    } finally {
      await client.connection.close();
    }

    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
    console.log(`worker under ${deployed.NODE_OPTIONS}: heap used ${heapUsed.map(mib).join(', ')} MiB after each ${BATCH} openings (limit ${mib(limit)}); RSS ${rss.map(mib).join(', ')} MiB`);
    expect(statuses).toHaveLength(OPENINGS);
    expect(new Set(statuses)).toEqual(new Set(['OPEN']));
    expect(worker.alive).toBe(true);
    expect((await fetch(`${worker.url}/health/ready`)).status).toBe(200);
    expect(Math.max(...heapUsed)).toBeLessThan(limit);
    expect(worker.logTail(400)).not.toMatch(/heap out of memory|Workflow Worker Thread failed/i);
  }, 300_000);
});
