// What one append costs (issue 18, "make the append cheaper"): the worker's appendEvents
// activity body (EventStore.append) alone, against a fresh scratch database, one append at a
// time on one connection, so the figures are the append's own: wall time, this process's CPU,
// the PostgreSQL backend's CPU (from /proc) and the SQL round trips (queries sent by pg).
// Batches are whole disputes played from real commands (one command's events per batch, with
// the projection and the parties' notifications the workflow would hand over), then each batch
// appended again (an activity retry after a lost reply).
//
//   node dist/bench/append/append-cost.js [--disputes 200] [--json]
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { buildLifecycleHistory } from '../../fixtures/history-builder';
import { cpuTicksOfStat, ticksToMs } from '../../fixtures/measures/proc-cpu';
import { quantile } from '../../fixtures/measures/runs';
import type { NotificationInput } from '../../libs/contracts/src';
import { evolve, initialState, projectionOf } from '../../libs/domain/src';
import { EventStore, NotificationEndpointStore, createDataSource, freshDatabase, type EventToAppend } from '../../libs/persistence/src';

interface Batch {
  disputeId: string;
  events: EventToAppend[];
  projection: ReturnType<typeof projectionOf>;
  notifications: NotificationInput[];
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

/** One batch per command, as the workflow's group commit stores a single command's events. */
function batchesOf(disputes: number): Batch[] {
  const batches: Batch[] = [];
  for (let index = 0; index < disputes; index += 1) {
    const history = buildLifecycleHistory(index % 2 === 0, index);
    let state = initialState;
    let pending: EventToAppend[] = [];
    history.chain.forEach((link, position) => {
      state = evolve(state, history.events[position]);
      const { disputeId: _dispute, previousHash: _previous, ...recorded } = link;
      const { hash: _hash, ...event } = recorded;
      pending.push(event);
      const next = history.chain[position + 1];
      if (next !== undefined && next.commandId === link.commandId) return;
      const notifications = [`buyer-${index}`, `seller-${index}`].map((accountId) => ({
        accountId,
        disputeId: history.disputeId,
        sequence: link.sequence,
        eventTypes: pending.map((e) => e.type),
        status: state.status,
        occurredAt: link.occurredAt,
      }));
      batches.push({ disputeId: history.disputeId, events: pending, projection: projectionOf(state, link.occurredAt), notifications });
      pending = [];
    });
  }
  return batches;
}

const ticksPerSecond = 100; // USER_HZ on Linux
const backendCpuMs = (pid: number): number => ticksToMs(cpuTicksOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8')) ?? Number.NaN, ticksPerSecond);

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/disputes_bench_append';
  await freshDatabase(url, /^disputes_bench\w*$/, 'the append bench');
  // Count what pg sends: every query is one round trip (pg never pipelines).
  let roundTrips = 0;
  const query = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    roundTrips += 1;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;

  const dataSource = createDataSource(url, 1, 'append-bench');
  await dataSource.initialize();
  const store = new EventStore(dataSource);
  const [{ pid }] = await dataSource.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
  const disputes = argument('disputes', 200);
  const batches = batchesOf(disputes);
  const endpoints = new NotificationEndpointStore(dataSource);
  for (let index = 0; index < disputes; index += 1) {
    for (const accountId of [`buyer-${index}`, `seller-${index}`]) await endpoints.register({ accountId, url: 'http://127.0.0.1:9/hooks', secret: 'a-secret-of-16-chars-or-more' });
  }

  const phase = async (name: string, list: Batch[]) => {
    const durations: number[] = [];
    const trips = roundTrips;
    const cpu = process.cpuUsage();
    const backend = backendCpuMs(pid);
    const started = performance.now();
    for (const batch of list) {
      const start = performance.now();
      await store.append(batch.disputeId, batch.events, batch.projection, batch.notifications);
      durations.push(performance.now() - start);
    }
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const sorted = [...durations].sort((a, b) => a - b);
    const round = (value: number) => Math.round(value * 1000) / 1000;
    return {
      phase: name,
      appends: list.length,
      events: list.reduce((sum, batch) => sum + batch.events.length, 0),
      ms_per_append_mean: round(wall / list.length),
      ms_per_append_p50: round(quantile(sorted, 0.5)),
      ms_per_append_p99: round(quantile(sorted, 0.99)),
      node_cpu_ms_per_append: round((used.user + used.system) / 1000 / list.length),
      postgres_cpu_ms_per_append: round((backendCpuMs(pid) - backend) / list.length),
      round_trips_per_append: round((roundTrips - trips) / list.length),
    };
  };

  // The first tenth warms the JIT and the connection; it is not reported.
  const warm = Math.ceil(batches.length / 10);
  await phase('warm-up', batches.slice(0, warm));
  const results = [await phase('append', batches.slice(warm)), await phase('retry (all stored)', batches.slice(warm))];
  await dataSource.destroy();
  if (process.argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
  else console.table(results);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
