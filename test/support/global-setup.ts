import { Client } from 'pg';
import { migrate } from '../../libs/persistence/src';
import { TEST_DATABASE_URL } from './environment';

/**
 * Gives each test run an empty test database with the schema from the real migrations, so no
 * run sees what an earlier one left (queues and lists would otherwise grow run after run).
 * Every tier declares this setup and jest runs them all before any test; the first one resets.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DISPUTES_TEST_DATABASE_READY === TEST_DATABASE_URL) return;
  await recreate(TEST_DATABASE_URL);
  await migrate(TEST_DATABASE_URL);
  process.env.DISPUTES_TEST_DATABASE_READY = TEST_DATABASE_URL;
}

async function recreate(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
}
