import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildApiSchema, printApiSchema, SCHEMA_FILE } from '../apps/api/src/api-schema';

/** `npm run schema:update`: writes the schema the API serves to schema.graphql at the repository root. */
async function main(): Promise<void> {
  const path = join(__dirname, '..', '..', SCHEMA_FILE);
  await writeFile(path, printApiSchema(await buildApiSchema()));
  console.log(`wrote ${path}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
