import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { resolveDatabase } from '../libs/persistence/src';
import { DEFAULT_DATABASE_URL, loadConfigOrExit } from '../libs/platform/src';
import { seed } from './seed';

/**
 * `npm start`: the whole service on one machine. Picks the database (DATABASE_URL, the
 * local server, or an embedded PostgreSQL), migrates and seeds it, then runs the worker
 * and the API as child processes until Ctrl-C.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const root = join(__dirname, '..', '..');
  const database = await resolveDatabase({
    configuredUrl: config.database.explicit ? config.database.url : undefined,
    defaultUrl: DEFAULT_DATABASE_URL,
    dataDir: join(root, '.data', 'postgres'),
    log: (message) => console.log(`[start] ${message}`),
  });
  console.log(`[start] database: ${database.source} (${database.url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@')})`);
  const orders = await seed(database.url);
  console.log(`[start] schema migrated, ${orders} demo orders registered`);

  const env = { ...process.env, DATABASE_URL: database.url };
  const children: ChildProcess[] = [
    spawn(process.execPath, [join(__dirname, '..', 'apps', 'worker', 'src', 'main.js')], { env, stdio: 'inherit' }),
    spawn(process.execPath, [join(__dirname, '..', 'apps', 'api', 'src', 'main.js')], { env, stdio: 'inherit' }),
  ];
  const base = `http://${config.api.host}:${config.api.port}`;
  console.log(
    [
      '',
      `  Console       ${base}/console   (sign in as any demo account)`,
      `  GraphQL API   ${base}/graphql${config.api.landingPage ? '   (open it in a browser: the API explorer, GraphiQL, offline)' : ''}`,
      `  Temporal UI   http://127.0.0.1:${process.env.TEMPORAL_UI_PORT ?? 8233}`,
      `  Health        ${base}/health/ready   Metrics ${base}/metrics`,
      `  Demo token    npm run token -- BUYER buyer-alice   (also SELLER seller-acme, MEDIATOR mediator-maria, AUDITOR auditor-ada, SYSTEM order-feed, ADMIN admin-ava)`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)))));
    await database.stop();
    process.exit(code);
  };
  for (const child of children) child.once('exit', (code) => void stop(code ?? 1));
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
