import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The build output `npm test` produces before jest runs (scripts/test.sh); process-level tests run it. */
export const DIST = join(__dirname, '..', '..', 'dist');

export function compiled(relativePath: string): string {
  const path = join(DIST, relativePath);
  if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run build" first (npm test does).`);
  return path;
}
