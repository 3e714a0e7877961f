import { Client, Connection } from '@temporalio/client';
import { OrderStore } from '../../../libs/persistence/src';
import { NEVER, openDisputeWorkflow, shortPolicy } from '../../support/commands';
import { TEMPORAL_NAMESPACE, TEST_DATABASE_URL, uniqueTaskQueue } from '../../support/environment';
import { anOrder } from '../../support/fixtures';
import { SILENT_SELLER, type PlayedCase } from './cases';
import type { TemporalEngine } from './engine';
import type { FaultHarness } from './harness';
import { ResilientClient } from './resilient-client';
import { playThroughFault, registerCases, type FaultRun } from './scenario';
import { serviceEnvironment, type Service } from './services';

/**
 * Disputes played over GraphQL while a Temporal server process is killed and, 5 s later,
 * restarted. Just before the kill, four disputes are opened whose sellers never answer, their
 * response windows ending while the process is down or just after it is back: their timers must
 * fire once. Returns the run and every dispute played, the silent ones included.
 */
export async function playThroughEngineRestart(harness: FaultHarness, engine: TemporalEngine, name: string): Promise<{ run: FaultRun; played: PlayedCase[] }> {
  const taskQueue = uniqueTaskQueue(name);
  const env = serviceEnvironment(TEST_DATABASE_URL, engine.address, taskQueue);
  await harness.start('worker', 'worker', env);
  const api = await harness.start('api', 'api', env);
  const client = new ResilientClient(() => [api.url]);
  const cases = await registerCases(harness.dataSource, 12);
  const silent: PlayedCase[] = [];

  const run = await playThroughFault(client, cases, {
    lanes: 6,
    faultAfterSteps: 15,
    fault: async () => {
      const connection = await Connection.connect({ address: engine.address });
      const temporalClient = new Client({ connection, namespace: TEMPORAL_NAMESPACE });
      const orders = new OrderStore(harness.dataSource);
      for (let index = 0; index < 4; index += 1) {
        const order = await orders.register(anOrder());
        const policy = shortPolicy({ sellerResponseWindowMs: 3_000 + index * 2_000, negotiationWindowMs: NEVER, mediationSlaMs: NEVER });
        const opened = await openDisputeWorkflow(temporalClient, taskQueue, order, { policy });
        silent.push({ script: SILENT_SELLER, order, disputeId: opened.disputeId, keys: [] });
      }
      await connection.close();
      await engine.kill();
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      await engine.restart();
    },
  });
  return { run, played: [...run.played, ...silent] };
}

/**
 * Two APIs and two workers on one task queue share the load, and one of each is SIGKILLed
 * mid-run; a client that knows both APIs (as a load balancer would) moves on to the survivor.
 */
export async function playThroughServiceKill(harness: FaultHarness, temporalAddress: string, name: string): Promise<{ run: FaultRun; killed: Service[] }> {
  const env = serviceEnvironment(TEST_DATABASE_URL, temporalAddress, uniqueTaskQueue(name));
  const [workerA, , apiA, apiB] = await Promise.all([
    harness.start('worker', 'worker A', env),
    harness.start('worker', 'worker B', env),
    harness.start('api', 'api A', env),
    harness.start('api', 'api B', env),
  ]);
  const client = new ResilientClient(() => [apiA.url, apiB.url]);
  const cases = await registerCases(harness.dataSource, 20);

  const run = await playThroughFault(client, cases, {
    lanes: 8,
    faultAfterSteps: 25,
    fault: async () => {
      await Promise.all([apiA.kill(), workerA.kill()]);
    },
  });
  return { run, killed: [apiA, workerA] };
}

/**
 * `count` disputes whose sellers never answer, their response windows ending together `dueInMs`
 * from now, opened straight on Temporal (the API plays no part in a deadline). Each is expected
 * to escalate exactly once.
 */
export async function openSilentBurst(harness: FaultHarness, temporalAddress: string, taskQueue: string, count: number, dueInMs: number): Promise<{ silent: PlayedCase[]; dueAt: number }> {
  const connection = await Connection.connect({ address: temporalAddress });
  const temporalClient = new Client({ connection, namespace: TEMPORAL_NAMESPACE });
  const orders = new OrderStore(harness.dataSource);
  const dueAt = Date.now() + dueInMs;
  try {
    const silent = await Promise.all(
      Array.from({ length: count }, async () => {
        const order = await orders.register(anOrder());
        const policy = shortPolicy({ sellerResponseWindowMs: Math.max(1_000, dueAt - Date.now()), negotiationWindowMs: NEVER, mediationSlaMs: NEVER });
        const opened = await openDisputeWorkflow(temporalClient, taskQueue, order, { policy });
        return { script: SILENT_SELLER, order, disputeId: opened.disputeId, keys: [] } satisfies PlayedCase;
      }),
    );
    return { silent, dueAt };
  } finally {
    await connection.close();
  }
}

