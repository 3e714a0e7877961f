// Preloaded into the worker by bench/idle-worker.ts: on SIGUSR2, writes how many modules the
// process has loaded and how many of them are webpack's (its compiler, or just its lazy index).
import { writeFileSync } from 'node:fs';

process.on('SIGUSR2', () => {
  const loaded = Object.keys(require.cache);
  const out = process.env.IDLE_WORKER_MODULES;
  if (out) writeFileSync(out, JSON.stringify({ total: loaded.length, webpack: loaded.filter((file) => file.includes('/node_modules/webpack/')).length }));
});
