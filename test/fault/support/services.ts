import { compiled } from '../../support/compiled';
import { freePort, startProcess, waitUntilReady, type ServiceProcess } from '../../support/processes';

export type ServiceKind = 'api' | 'worker';

/**
 * A compiled API or worker (dist/, the production entry points) as a child process that a
 * fault test can kill and start again on the same port, so clients pointed at it find it back.
 */
export class Service {
  private current: ServiceProcess | undefined;
  private earlierOutput = '';

  private constructor(
    readonly kind: ServiceKind,
    readonly name: string,
    private readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  static async start(kind: ServiceKind, name: string, env: Record<string, string>): Promise<Service> {
    const service = new Service(kind, name, await freePort(), env);
    await service.restart();
    return service;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return this.current !== undefined && this.current.child.exitCode === null && this.current.child.signalCode === null;
  }

  /** Starts the process (again) and waits until it reports ready. */
  async restart(): Promise<void> {
    if (this.alive) throw new Error(`${this.name} is already running`);
    if (this.current) this.earlierOutput += this.current.output();
    const portVariable: Record<string, string> = this.kind === 'api' ? { API_PORT: String(this.port) } : { WORKER_PORT: String(this.port), WORKER_SDK_METRICS_PORT: String(await freePort()) };
    this.current = startProcess(compiled(`apps/${this.kind}/src/main.js`), { ...this.env, ...portVariable });
    try {
      await waitUntilReady(`${this.url}/health/ready`, 90_000);
    } catch (error) {
      throw new Error(`${this.name} did not become ready: ${String(error)}\n${this.logTail()}`, { cause: error });
    }
  }

  /** SIGKILL: no draining, no goodbye; whatever was in flight is cut off. */
  async kill(): Promise<void> {
    const running = this.current;
    if (!running || !this.alive) return;
    running.child.kill('SIGKILL');
    await running.exited;
  }

  /** SIGTERM and wait (end of a test). */
  async stop(): Promise<void> {
    const running = this.current;
    if (!running || !this.alive) return;
    running.child.kill('SIGTERM');
    const force = setTimeout(() => running.child.kill('SIGKILL'), 15_000);
    await running.exited.finally(() => clearTimeout(force));
  }

  /** The last lines this service wrote over all its lives (for failure messages). */
  logTail(lines = 40): string {
    const output = this.earlierOutput + (this.current?.output() ?? '');
    return `--- ${this.name} (last ${lines} lines) ---\n${output.split('\n').slice(-lines).join('\n')}`;
  }
}

/** The environment every service of a fault test shares. */
export function serviceEnvironment(databaseUrl: string, temporalAddress: string, taskQueue: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    // Many accounts from one loopback address: the per-account limit stays on, out of reach.
    API_RATE_LIMIT_PER_MINUTE: '1000000',
    SHUTDOWN_GRACE_MS: '2000',
  };
}
