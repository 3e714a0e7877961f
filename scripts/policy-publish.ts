// Publishes a policy file as the next version of a policy line (docs/operating.md, "Policies").
//   npm run policy:publish -- <file.yaml|file.json> [--line <id>] [--note <text>] [--by <name>] [--dry-run]
// The file is a whole policy: windows as ISO-8601 durations ("P5D", "PT12H"), limits as whole
// numbers, clauses as a list of { id, text } (docs/policies/default.yaml is the built-in one).
// It is checked whole by the domain's rules; every problem is printed, naming its field, and
// nothing is published. A file equal to the line's current version publishes nothing, so a
// deploy script may run this on every deploy. Exit 0 published (or unchanged, or valid with
// --dry-run), 1 refused, 2 bad usage.
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { extname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_POLICY_LINE, isPolicyLine, POLICY_LINE_RULE, readPolicyDocument } from '../libs/domain/src';
import { PolicyStore } from '../libs/persistence/src';
import { EXIT_FAILED, EXIT_OK, openDatabase, parse, run, UsageError } from './audit/cli';

const USAGE = 'usage: npm run policy:publish -- <file.yaml|file.json> [--line <id>] [--note <text>] [--by <name>] [--dry-run]';

/** The file's content as data: YAML for .yaml/.yml, JSON for .json. */
async function readDocument(file: string): Promise<unknown> {
  const kind = extname(file).toLowerCase();
  if (kind !== '.json' && kind !== '.yaml' && kind !== '.yml') throw new UsageError(`${file}: the policy file must end in .yaml, .yml or .json.\n${USAGE}`);
  const text = await readFile(file, 'utf8');
  // Duplicate keys are an error in YAML 1.2 and in the yaml package: a field given twice is refused, not overwritten.
  return kind === '.json' ? JSON.parse(text) : parseYaml(text);
}

async function main(): Promise<number> {
  const { values, positionals } = parse({ line: { type: 'string' }, note: { type: 'string' }, by: { type: 'string' }, 'dry-run': { type: 'boolean' } }, USAGE);
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const [file] = positionals;
  const line = values.line ?? DEFAULT_POLICY_LINE;
  if (!isPolicyLine(line)) throw new UsageError(`--line "${line}": ${POLICY_LINE_RULE}.\n${USAGE}`);

  let document: unknown;
  try {
    document = await readDocument(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    console.error(`REFUSED ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILED;
  }
  const reading = readPolicyDocument(document);
  if (!reading.ok) {
    console.error(`REFUSED ${file}: ${reading.problems.length} problem${reading.problems.length > 1 ? 's' : ''}; nothing was published.`);
    for (const problem of reading.problems) console.error(`  ${problem.field}: ${problem.message}`);
    return EXIT_FAILED;
  }
  if (values['dry-run']) {
    console.log(`VALID   ${file}: policy "${reading.policy.version}" (not published: --dry-run).`);
    return EXIT_OK;
  }

  const dataSource = await openDatabase('disputes-policy-publish');
  try {
    const store = new PolicyStore(dataSource);
    const current = await store.current(line);
    if (current && isDeepStrictEqual(current.policy, reading.policy)) {
      console.log(`UNCHANGED ${line} version ${current.version} ("${current.policy.version}") is this policy already; nothing was published.`);
      return EXIT_OK;
    }
    const { row } = await store.publish({ line, policy: reading.policy, publishedBy: values.by ?? `cli:${userInfo().username}`, note: values.note ?? null, commandId: null });
    console.log(`PUBLISHED ${row.line} version ${row.version} ("${row.policy.version}") by ${row.publishedBy}; disputes opening on this line from now on pin it.`);
    return EXIT_OK;
  } finally {
    await dataSource.destroy();
  }
}

run(main);
