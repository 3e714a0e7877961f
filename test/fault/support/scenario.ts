import type { DataSource } from 'typeorm';
import { OrderStore } from '../../../libs/persistence/src';
import { catalogUpload } from '../../support/evidence';
import { anOrder } from '../../support/fixtures';
import { ALL_CASES, playAll, type CaseOrder, type CaseScript, type PlayedCase } from './cases';
import type { ResilientClient } from './resilient-client';

/**
 * `count` disputes-to-be, cycling through every script, each on an order of its own whose buyer
 * has uploaded the photo the scripts cite (recorded in the catalog as the upload endpoint does:
 * the load under test is the commands, as the orders fed in beside it are).
 */
export async function registerCases(dataSource: DataSource, count: number, scripts: CaseScript[] = ALL_CASES): Promise<{ script: CaseScript; order: CaseOrder }[]> {
  const orders = new OrderStore(dataSource);
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const order = await orders.register(anOrder());
      const { citation } = await catalogUpload(dataSource, { role: 'BUYER', id: order.buyerId }, 'cracked-screen');
      return { script: scripts[index % scripts.length], order: { ...order, photo: citation } };
    }),
  );
}

export async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface FaultRun {
  played: PlayedCase[];
  /** Steps answered when the fault began and when it was over; all steps of the run. */
  stepsAtFault: number;
  stepsAfterFault: number;
  totalSteps: number;
}

/**
 * Plays every case through `client` with `lanes` disputes in flight, and runs `fault` once
 * `faultAfterSteps` steps were answered, while the load goes on. Resolves when every case was
 * played to its end.
 */
export async function playThroughFault(
  client: ResilientClient,
  cases: { script: CaseScript; order: CaseOrder }[],
  options: { lanes: number; faultAfterSteps: number; fault: () => Promise<void> },
): Promise<FaultRun> {
  let steps = 0;
  const totalSteps = cases.reduce((sum, one) => sum + one.script.steps.length, 0);
  const load = playAll(client, cases, options.lanes, () => (steps += 1));
  // Fail fast instead of waiting for the fault when the load itself broke.
  let failed: unknown;
  load.catch((error: unknown) => (failed = error));
  await until(() => steps >= options.faultAfterSteps || failed !== undefined, 120_000, `${options.faultAfterSteps} answered steps before the fault`);
  if (failed !== undefined) throw failed;
  const stepsAtFault = steps;
  await options.fault();
  const stepsAfterFault = steps;
  const played = await load;
  return { played, stepsAtFault, stepsAfterFault, totalSteps };
}
