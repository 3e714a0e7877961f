// What the audit commands share: argument parsing, the database, exit codes.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../libs/persistence/src';
import { loadConfigOrExit } from '../../libs/platform/src';

/** Exit codes: 0 all good, 1 something failed verification, 2 the command was used wrongly. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

export function parse<T extends ParseArgsConfig['options']>(options: T, usage: string, argv = process.argv.slice(2)) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
}

/** The database the services use (DATABASE_URL), with a small pool. */
export async function openDatabase(name: string): Promise<DataSource> {
  const config = loadConfigOrExit();
  const dataSource = createDataSource(config.database.url, 4, name);
  await dataSource.initialize();
  return dataSource;
}

/** Runs a command's main, turning its result into the exit code and usage errors into code 2. */
export function run(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(error.message);
        process.exitCode = EXIT_USAGE;
      } else {
        console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
        process.exitCode = EXIT_FAILED;
      }
    },
  );
}
