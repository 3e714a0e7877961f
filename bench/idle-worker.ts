// The idle worker's memory, for the prebuilt-bundle and heap-limit levers (docs/performance.md,
// "Levers in progress (issue 18)"): starts a compiled worker (this build's dist/, or another
// build's with --dist) against TEMPORAL_ADDRESS and DATABASE_URL (migrated), waits until it is
// ready, lets it settle, then samples VmRSS from /proc and the main heap from its /metrics, and
// counts the webpack modules loaded in it (a preload lists require.cache when asked on SIGUSR2).
//   node dist/bench/idle-worker.js [--dist <dir>] [--as-deployed] [--settle 20] [--samples 6]
//   --as-deployed adds NODE_OPTIONS and MALLOC_ARENA_MAX from deploy/kubernetes/worker.yaml.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { deployedWorkerProcessEnv } from '../fixtures/worker-process';
import { freePort } from './stack';

const ROOT = join(__dirname, '..', '..');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function vmRssMiB(pid: number): number {
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib) / 1024;
}

function metric(text: string, name: string): number {
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dist: { type: 'string', default: join(ROOT, 'dist') }, 'as-deployed': { type: 'boolean' }, settle: { type: 'string', default: '20' }, samples: { type: 'string', default: '6' } } });
  const dist = resolve(values.dist);
  const listing = join(ROOT, '.data', `idle-worker-modules-${process.pid}.json`);
  const [port, sdkPort] = [await freePort(), await freePort()];
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    TEMPORAL_TASK_QUEUE: `idle-worker-${randomBytes(3).toString('hex')}`,
    WORKER_PORT: String(port),
    WORKER_SDK_METRICS_PORT: String(sdkPort),
    IDLE_WORKER_MODULES: listing,
    ...(values['as-deployed'] ? deployedWorkerProcessEnv(ROOT) : {}),
  };
  const began = Date.now();
  const child = spawn(process.execPath, ['--require', join(__dirname, 'idle-worker-preload.js'), join(dist, 'apps', 'worker', 'src', 'main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}`);
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.status, () => 0)) === 200) break;
      await sleep(250);
    }
    const readyS = (Date.now() - began) / 1000;
    await sleep(Number(values.settle) * 1000);
    const rss: number[] = [];
    const heap: number[] = [];
    for (let n = 0; n < Number(values.samples); n += 1) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      rss.push(vmRssMiB(child.pid!));
      heap.push(metric(text, 'nodejs_heap_size_used_bytes') / 2 ** 20);
      await sleep(5_000);
    }
    child.kill('SIGUSR2');
    while (!existsSync(listing)) await sleep(100);
    await sleep(200);
    const modules = JSON.parse(readFileSync(listing, 'utf8')) as { total: number; webpack: number };
    rmSync(listing);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
    console.log(
      JSON.stringify({ dist, asDeployed: Boolean(values['as-deployed']), readyS, rssMiB: list(rss), rssMedianMiB: Math.round(median(rss)), heapUsedMiB: list(heap), heapMedianMiB: Math.round(median(heap)), modules: modules.total, webpackModules: modules.webpack }),
    );
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
