// The real stack for the benchmark: a Temporal dev server (reused when TEMPORAL_ADDRESS is set,
// otherwise our own in-memory one on a free port), the local PostgreSQL (a fresh database each
// run, so table sizes never carry over between runs), and the compiled worker and API from dist/
// as child processes with their production entry points. Nothing here is bench-only
// configuration of the services: they get ordinary environment variables. The worker gets the
// process settings the deployment gives it (heap limit, malloc arenas: deploy/kubernetes/worker.yaml)
// and, like a deployed worker, loads the workflow bundle `npm run build` wrote.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freshDatabase } from '../libs/persistence/src';
import { deployedWorkerProcessEnv } from '../fixtures/worker-process';
import type { StackProcesses } from './cpu';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const LOG_DIR = join(ROOT, '.data', 'bench');
const run = promisify(execFile);

export interface Stack {
  temporalAddress: string;
  databaseUrl: string;
  taskQueue: string;
  apiUrl: string;
  workerUrl: string;
  /** The worker's Temporal SDK Prometheus endpoint (sticky cache size, slots). */
  sdkMetricsUrl: string;
  /** pid of the worker process, for reading its memory from /proc. */
  workerPid: number;
  /** The API's, the worker's and Temporal's server processes, for their CPU time. */
  processes: StackProcesses;
  /** HS256 secret the API verifies (NODE_ENV=production, so the development secret is refused). */
  jwtSecret: string;
  /**
   * Replaces the worker process with one that has `workerEnv` added to its environment (same
   * ports, same task queue), e.g. another WORKER_MAX_CACHED_WORKFLOWS for the timer-burst table;
   * `processes.worker` and `workerPid` follow the new process.
   */
  restartWorker(workerEnv: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Which Temporal the stack runs on: the CLI's dev server (one process, SQLite, one shard) or the PostgreSQL cluster. */
export type Engine = 'dev' | 'cluster';

/**
 * The cluster of scripts/temporal-cluster.sh (two server processes, 16 history shards, on the
 * local PostgreSQL) on free ports, with databases of its own that are re-created each run.
 */
async function startCluster(log: (line: string) => void): Promise<Temporal> {
  const script = join(ROOT, 'scripts', 'temporal-cluster.sh');
  const { stdout: base } = await run('node', [join(ROOT, 'scripts', 'free-port-range.js'), '40']);
  // The shape the report names (2 nodes, 16 shards), whatever the caller's environment says.
  const env = { ...process.env, TEMPORAL_CLUSTER_PORT: base.trim(), TEMPORAL_CLUSTER_NODES: '2', TEMPORAL_CLUSTER_SHARDS: '16', TEMPORAL_CLUSTER_DATABASE: 'temporal_cluster_bench', TEMPORAL_CLUSTER_FRESH: '1' };
  await run('bash', [script, 'start'], { env });
  const { stdout: address } = await run('bash', [script, 'address'], { env });
  log(`Temporal cluster on PostgreSQL (2 nodes, 16 shards), clients at ${address.trim()}`);
  const runDir = join(ROOT, '.data', 'temporal-cluster', base.trim());
  const pids = () => [0, 1].map((node) => pidIn(join(runDir, `node-${node}.pid`)));
  return { address: address.trim(), pids, stop: () => run('bash', [script, 'stop'], { env }).then(() => undefined) };
}

interface Temporal {
  address: string;
  /** The server's processes (none when it was started elsewhere). */
  pids: () => number[];
  stop: () => Promise<void>;
}

function pidIn(file: string): number {
  try {
    return Number(readFileSync(file, 'utf8').trim());
  } catch {
    return 0;
  }
}

async function startTemporal(log: (line: string) => void, engine: Engine): Promise<Temporal> {
  if (engine === 'cluster') return startCluster(log);
  if (process.env.TEMPORAL_ADDRESS) {
    log(`reusing Temporal at ${process.env.TEMPORAL_ADDRESS}`);
    return { address: process.env.TEMPORAL_ADDRESS, pids: () => [], stop: async () => undefined };
  }
  const port = await freePort();
  const env = { ...process.env, TEMPORAL_PORT: String(port), TEMPORAL_DB_FILE: 'memory', TEMPORAL_UI: 'off' };
  const script = join(ROOT, 'scripts', 'temporal.sh');
  await run('bash', [script, 'start'], { env });
  log(`Temporal dev server (in memory) on 127.0.0.1:${port}`);
  const pidFile = join(ROOT, '.data', 'temporal', `server-${port}.pid`);
  return { address: `127.0.0.1:${port}`, pids: () => [pidIn(pidFile)], stop: () => run('bash', [script, 'stop'], { env }).then(() => undefined) };
}


function spawnService(name: string, script: string, env: Record<string, string>, nodeFlags: string[] = []): ChildProcess {
  mkdirSync(LOG_DIR, { recursive: true });
  const out = openSync(join(LOG_DIR, `${name}.log`), 'w');
  // Logs go to a file, not through a pipe the bench process would have to drain under load.
  return spawn(process.execPath, [...nodeFlags, join(DIST, script)], { env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
}

/**
 * BENCH_API_CPU_PROF=<dir> / BENCH_WORKER_CPU_PROF=<dir>: the API or the worker runs with V8's CPU
 * profiler and writes a .cpuprofile per thread there when it exits (the worker's workflows run in
 * a thread of their own; summarise each file with bench/profile-summary.ts). Off by default:
 * profiling slows the process, so a run with it says where the time goes, not how fast it is.
 */
function profilerFlags(variable: 'BENCH_API_CPU_PROF' | 'BENCH_WORKER_CPU_PROF'): string[] {
  const dir = process.env[variable];
  return dir ? ['--cpu-prof', '--cpu-prof-dir', dir] : [];
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}; see ${LOG_DIR}`);
    const status = await fetch(url).then((response) => response.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms; see ${LOG_DIR}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return exited.finally(() => clearTimeout(force));
}

export interface StackOptions {
  /**
   * Extra environment for the worker only, over the deployment's. The bench itself passes none
   * (the worker runs as deployed); bench/memory-probe.ts uses it to compare cache sizes and heap limits.
   */
  workerEnv?: Record<string, string>;
  /** The dev server unless told otherwise. */
  engine?: Engine;
}

export async function startStack(log: (line: string) => void, options: StackOptions = {}): Promise<Stack> {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/disputes_bench';
  const [temporal] = await Promise.all([startTemporal(log, options.engine ?? 'dev'), freshDatabase(databaseUrl, /^disputes_bench\w*$/, 'the bench')]);
  log(`database ${databaseUrl.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@')} recreated and migrated`);
  const [apiPort, workerPort, sdkPort] = [await freePort(), await freePort(), await freePort()];
  const jwtSecret = randomBytes(32).toString('hex');
  const taskQueue = `bench-disputes-${randomBytes(3).toString('hex')}`;
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    AUTH_JWT_SECRET: jwtSecret,
  };
  if (!existsSync(join(DIST, 'workflows', 'bundle.js'))) throw new Error('dist/workflows/bundle.js is missing: run "npm run build", which bundles the workflows the worker loads');
  const deployed = deployedWorkerProcessEnv(ROOT);
  log(`worker process as deployed: NODE_OPTIONS="${deployed.NODE_OPTIONS}" MALLOC_ARENA_MAX=${deployed.MALLOC_ARENA_MAX}, prebuilt workflow bundle`);
  const workerEnvFor = (extra: Record<string, string> | undefined) => ({ ...env, ...deployed, WORKER_PORT: String(workerPort), WORKER_SDK_METRICS_PORT: String(sdkPort), ...extra });
  let worker = spawnService('worker', 'apps/worker/src/main.js', workerEnvFor(options.workerEnv), profilerFlags('BENCH_WORKER_CPU_PROF'));
  // The bench drives many accounts from one address; the per-account limit stays on, just out of reach.
  const api = spawnService('api', 'apps/api/src/main.js', { ...env, API_PORT: String(apiPort), API_RATE_LIMIT_PER_MINUTE: '1000000' }, profilerFlags('BENCH_API_CPU_PROF'));
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const workerUrl = `http://127.0.0.1:${workerPort}`;
  const stop = async () => {
    await Promise.all([stopChild(api), stopChild(worker)]);
    await temporal.stop();
  };
  try {
    await Promise.all([waitUntilReady(`${apiUrl}/health/ready`, api), waitUntilReady(`${workerUrl}/health/ready`, worker)]);
  } catch (error) {
    await stop();
    throw error;
  }
  log(`worker (pid ${worker.pid}) and API (pid ${api.pid}) ready on task queue ${taskQueue}; logs in ${LOG_DIR}`);
  const processes: StackProcesses = { api: api.pid ?? 0, worker: worker.pid ?? 0, temporal: temporal.pids };
  let restarts = 0; // each restarted worker logs to worker-<n>.log
  const stack: Stack = {
    temporalAddress: temporal.address,
    databaseUrl,
    taskQueue,
    apiUrl,
    workerUrl,
    sdkMetricsUrl: `http://127.0.0.1:${sdkPort}/metrics`,
    workerPid: worker.pid ?? 0,
    processes,
    jwtSecret,
    async restartWorker(workerEnv) {
      await stopChild(worker);
      restarts += 1;
      worker = spawnService(`worker-${restarts}`, 'apps/worker/src/main.js', workerEnvFor({ ...options.workerEnv, ...workerEnv }), profilerFlags('BENCH_WORKER_CPU_PROF'));
      await waitUntilReady(`${workerUrl}/health/ready`, worker);
      processes.worker = worker.pid ?? 0;
      stack.workerPid = processes.worker;
      log(`worker restarted (pid ${worker.pid}) with ${Object.entries(workerEnv).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    },
    stop,
  };
  return stack;
}
