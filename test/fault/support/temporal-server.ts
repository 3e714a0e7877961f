import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../support/processes';
import type { TemporalEngine } from './engine';

const ROOT = join(__dirname, '..', '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'temporal.sh');
const run = promisify(execFile);

/**
 * A Temporal dev server of the test's own that keeps its state in a file (SQLite), started by
 * the same script as every other one, so it can be killed outright and come back with the
 * workflows, timers and histories it had.
 */
export class PersistedTemporalServer implements TemporalEngine {
  private constructor(
    private readonly port: number,
    private readonly directory: string,
  ) {}

  static async start(): Promise<PersistedTemporalServer> {
    const server = new PersistedTemporalServer(await freePort(), mkdtempSync(join(tmpdir(), 'fault-temporal-')));
    await server.restart();
    return server;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  private get env(): NodeJS.ProcessEnv {
    return { ...process.env, TEMPORAL_PORT: String(this.port), TEMPORAL_DB_FILE: join(this.directory, 'temporal.db'), TEMPORAL_UI: 'off' };
  }

  /** Starts the server on its port and file, and waits until it is healthy. */
  async restart(): Promise<void> {
    await run('bash', [SCRIPT, 'start'], { env: this.env });
  }

  /** SIGKILL to the server's process group (the script starts it with setsid): no clean shutdown. */
  async kill(): Promise<void> {
    const pid = Number(readFileSync(join(ROOT, '.data', 'temporal', `server-${this.port}.pid`), 'utf8'));
    process.kill(-pid, 'SIGKILL');
    // Gone only when the kernel says so; a restart before that would find the port taken.
    for (;;) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    await run('bash', [SCRIPT, 'stop'], { env: this.env });
    rmSync(this.directory, { recursive: true, force: true });
  }
}
