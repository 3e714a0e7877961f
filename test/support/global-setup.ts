import { freshDatabase } from '../../libs/persistence/src';
import { TEST_DATABASE_URL } from './environment';

/** Test databases are named so (disputes_test, test, disputes_test_2): nothing else is ever dropped. */
const TEST_DATABASE_NAME = /(^|_)test(_\w+)?$/;

/**
 * Gives each test run an empty test database with the schema from the real migrations, so no
 * run sees what an earlier one left (queues and lists would otherwise grow run after run).
 * Every tier declares this setup and jest runs them all before any test; the first one resets.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DISPUTES_TEST_DATABASE_READY === TEST_DATABASE_URL) return;
  await freshDatabase(TEST_DATABASE_URL, TEST_DATABASE_NAME, 'the test run');
  process.env.DISPUTES_TEST_DATABASE_READY = TEST_DATABASE_URL;
}
