import { migrate } from '../../libs/persistence/src';
import { TEST_DATABASE_URL } from './environment';

/** Creates the test database when missing and brings its schema up to date through the real migrations. */
export default async function globalSetup(): Promise<void> {
  await migrate(TEST_DATABASE_URL);
}
