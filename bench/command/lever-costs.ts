// What two command-path levers of issue 18 could save per command, measured on their own (the
// shared machine's load hides a millisecond in the whole bench's CPU per command). Not a test:
// it prints figures.
//   npm run build && node dist/bench/command/lever-costs.js [--database <url of a database a bench run filled>]
// - decide: CPU of one decide of a PostMessage against a mid-negotiation state, what the
//   workflow's handler would skip by reusing the Update validator's decision (lever not kept).
// - read-back: CPU of readProjection + toDispute (the API process, and the PostgreSQL backend from
//   /proc/<pid>/stat), against projectionOf + toDispute from the same state (lever kept).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { addMs, decide, defaultPolicy, fold, projectionOf, type Actor, type DecisionContext } from '../../libs/domain/src';
import { createDataSource, readProjection, type DisputeProjectionRow } from '../../libs/persistence/src';
import { toDispute } from '../../apps/api/src/disputes/dispute-reader';
import { buildLifecycleHistory } from '../../fixtures/history-builder';

const cpuMs = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

/** utime + stime of a process, in ms (clock ticks of 10 ms). */
const processCpuMs = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function decideCost(): { status: string; version: number; decide_us_median: number } {
  const history = buildLifecycleHistory(false, 0);
  const state = fold(history.events.slice(0, Math.floor(history.events.length / 2)));
  const actor: Actor = { role: 'BUYER', id: state.buyerId ?? '' };
  const context: DecisionContext = { now: addMs(state.openedAt ?? '', 60_000), order: state.order ?? null, policy: state.policy ?? defaultPolicy, evidenceFiles: [] };
  const once = (i: number) => decide({ type: 'PostMessage', actor, data: { messageId: `m-${i}`, body: 'Could you send a photo of the packaging as well?' } }, state, context);
  if (!once(0).ok) throw new Error('the message was refused');
  for (let i = 0; i < 20_000; i += 1) once(i);
  const runs = Array.from({ length: 7 }, () => {
    const start = cpuMs();
    for (let i = 0; i < 50_000; i += 1) once(i);
    return ((cpuMs() - start) / 50_000) * 1000;
  });
  return { status: state.status, version: state.version, decide_us_median: Number(median(runs).toFixed(2)) };
}

async function readBackCost(url: string) {
  const dataSource = createDataSource(url, 1, 'lever-costs');
  await dataSource.initialize();
  try {
    const ids = ((await dataSource.query("SELECT dispute_id FROM disputes WHERE status <> 'CLOSED' ORDER BY version DESC LIMIT 200")) as { dispute_id: string }[]).map((row) => row.dispute_id);
    const [{ pid }] = (await dataSource.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
    const viewer = { role: 'AUDITOR' as const, id: 'lever-costs' };
    const rows: DisputeProjectionRow[] = [];
    for (const id of ids) rows.push((await readProjection(dataSource, id))!);
    const reads = 10 * ids.length;
    const [apiStart, backendStart] = [cpuMs(), processCpuMs(pid)];
    for (let round = 0; round < 10; round += 1) for (const id of ids) toDispute((await readProjection(dataSource, id))!, viewer);
    const [apiRead, backendRead] = [(cpuMs() - apiStart) / reads, (processCpuMs(pid) - backendStart) / reads];
    const builtStart = cpuMs();
    for (let round = 0; round < 10; round += 1) for (const row of rows) toDispute({ ...projectionOf(row.state, row.updatedAt), disputeId: row.disputeId, headHash: row.headHash }, viewer);
    const built = (cpuMs() - builtStart) / reads;
    return { disputes: ids.length, api_ms_read_and_map: Number(apiRead.toFixed(3)), postgres_ms_per_read: Number(backendRead.toFixed(3)), api_ms_build_and_map: Number(built.toFixed(3)) };
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { database: { type: 'string' } } });
  console.log(JSON.stringify({ decide: decideCost(), ...(values.database ? { readBack: await readBackCost(values.database) } : {}) }));
}

void main();
