// Configuration comes only from environment variables, validated once at start-up.
// A bad value stops the process with a message naming the variable, never a stack trace.

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback?: string): string {
    const value = this.env[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    this.problems.push(`${name} is required but not set.`);
    return '';
  }

  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}".`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.env[name]?.trim().toLowerCase();
    if (!raw) return fallback;
    if (['true', '1', 'yes', 'on'].includes(raw)) return true;
    if (['false', '0', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false, got "${raw}".`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name]?.trim();
    if (!raw) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}".`);
    return fallback;
  }

  url(name: string, fallback: string | undefined, protocols: string[]): string {
    const raw = fallback === undefined ? this.optional(name) : this.string(name, fallback);
    if (!raw) return '';
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) throw new Error();
    } catch {
      this.problems.push(`${name} must be a ${protocols.join(' or ')} URL, got "${redact(raw)}".`);
    }
    return raw;
  }

  hostPort(name: string, fallback: string): string {
    const raw = this.string(name, fallback);
    if (!/^[\w.-]+:\d{1,5}$/.test(raw)) this.problems.push(`${name} must look like host:port, got "${raw}".`);
    return raw;
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/disputes';
/** Only for local use; production must set AUTH_JWT_SECRET or AUTH_JWKS_URL. */
export const DEV_JWT_SECRET = 'local-development-secret-change-me-0123456789';
/**
 * Open disputes the worker keeps in its sticky workflow cache between tasks. A fixed cap rather
 * than the SDK's default, which is sized from the heap limit (about 2,300 workflows on a 4 GB
 * heap) and so lets RSS grow with the number of open disputes: each cached dispute costs the
 * worker roughly 0.2 MB (docs/performance.md), and nearly all open disputes sit on timers that
 * are days away, where a cache entry buys nothing. An evicted dispute is rebuilt by replaying its
 * history on its next task (a few hundred events). 250 holds the disputes with work in flight:
 * the 50 workflow task slots and the activities of recent commands, with room to spare at the
 * bench's 64 concurrent clients, and it must stay at least WORKER_MAX_CONCURRENT_WORKFLOW_TASKS
 * (the SDK lowers the task slots to the cache size otherwise).
 */
export const DEFAULT_WORKER_MAX_CACHED_WORKFLOWS = 250;

export interface AppConfig {
  environment: 'development' | 'test' | 'production';
  logLevel: (typeof LOG_LEVELS)[number];
  database: { url: string; explicit: boolean; poolSize: number };
  temporal: { address: string; namespace: string; taskQueue: string };
  api: { port: number; host: string; introspection: boolean; landingPage: boolean; commandTimeoutMs: number; consoleDir: string };
  worker: {
    port: number;
    host: string;
    sdkMetricsPort: number;
    maxConcurrentActivities: number;
    maxConcurrentWorkflowTasks: number;
    /** Workflows kept in memory between tasks (0 disables the cache); see DEFAULT_WORKER_MAX_CACHED_WORKFLOWS. */
    maxCachedWorkflows: number;
  };
  auth: { jwtSecret: string | undefined; jwksUrl: string | undefined; issuer: string | undefined; audience: string | undefined };
  shutdownGraceMs: number;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const read = new Reader(env);
  const environment = read.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const production = environment === 'production';
  const explicitDatabase = read.optional('DATABASE_URL') !== undefined;
  const config: AppConfig = {
    environment,
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    database: {
      url: read.url('DATABASE_URL', DEFAULT_DATABASE_URL, ['postgres:', 'postgresql:']),
      explicit: explicitDatabase,
      poolSize: read.integer('DATABASE_POOL_SIZE', 10, 1, 200),
    },
    temporal: {
      address: read.hostPort('TEMPORAL_ADDRESS', '127.0.0.1:7233'),
      namespace: read.string('TEMPORAL_NAMESPACE', 'default'),
      taskQueue: read.string('TEMPORAL_TASK_QUEUE', 'disputes'),
    },
    api: {
      port: read.integer('API_PORT', 3000, 0, 65535),
      host: read.string('API_HOST', '127.0.0.1'),
      introspection: read.boolean('GRAPHQL_INTROSPECTION', !production),
      landingPage: read.boolean('GRAPHQL_LANDING_PAGE', !production),
      commandTimeoutMs: read.integer('COMMAND_TIMEOUT_MS', 30_000, 100, 600_000),
      // The built console (npm run build writes it there), relative to the working directory.
      consoleDir: read.string('CONSOLE_DIR', 'dist/console'),
    },
    worker: {
      port: read.integer('WORKER_PORT', 3001, 0, 65535),
      host: read.string('WORKER_HOST', '127.0.0.1'),
      sdkMetricsPort: read.integer('WORKER_SDK_METRICS_PORT', 9464, 0, 65535),
      maxConcurrentActivities: read.integer('WORKER_MAX_CONCURRENT_ACTIVITIES', 50, 1, 10_000),
      maxConcurrentWorkflowTasks: read.integer('WORKER_MAX_CONCURRENT_WORKFLOW_TASKS', 50, 1, 10_000),
      maxCachedWorkflows: read.integer('WORKER_MAX_CACHED_WORKFLOWS', DEFAULT_WORKER_MAX_CACHED_WORKFLOWS, 0, 1_000_000),
    },
    auth: {
      jwtSecret: read.optional('AUTH_JWT_SECRET') ?? (production ? undefined : DEV_JWT_SECRET),
      jwksUrl: read.url('AUTH_JWKS_URL', undefined, ['https:', 'http:']) || undefined,
      issuer: read.optional('AUTH_ISSUER'),
      audience: read.optional('AUTH_AUDIENCE'),
    },
    shutdownGraceMs: read.integer('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
  };
  if (config.auth.jwtSecret !== undefined && config.auth.jwtSecret.length < 32) {
    read.problems.push('AUTH_JWT_SECRET must be at least 32 characters long.');
  }
  if (production && !config.auth.jwtSecret && !config.auth.jwksUrl) {
    read.problems.push('In production set AUTH_JWKS_URL (or AUTH_JWT_SECRET) so tokens can be verified.');
  }
  if (read.problems.length > 0) throw new ConfigurationError(read.problems);
  return config;
}
