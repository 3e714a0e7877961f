import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Kept free of @temporalio/worker: the build step, the worker and the audit replay tool all ask
// this file where the workflow code is, and only the build step may load the bundler.

/** The workflows folder: the sources when running from TypeScript (tests), dist/workflows when compiled. */
const WORKFLOWS_DIR = join(__dirname, '..', '..', '..', 'workflows');

/** Resolves the workflows entry whether running from TypeScript sources (tests) or compiled output. */
export function workflowsPath(): string {
  return createRequire(__filename).resolve(WORKFLOWS_DIR);
}

/**
 * The modules every workflow shares, evaluated once in the worker's reusable V8 context and then
 * frozen, instead of again for each workflow it creates or replays: the sandbox's stack depth
 * (workflows/sandbox-stacks.ts, which must run before the freeze), the rulebook (libs/domain) and
 * the contracts. All are pure, with no per-workflow state at module scope, which is what the SDK's
 * `preloadModules` asks of them (docs/decisions.md).
 */
export function sharedWorkflowModules(): string[] {
  const resolve = createRequire(__filename).resolve;
  return [resolve(join(WORKFLOWS_DIR, 'sandbox-stacks')), ...['domain', 'contracts'].map((lib) => resolve(join(WORKFLOWS_DIR, '..', 'libs', lib, 'src')))];
}

/** What the bundler is given, at build time and when a worker or a test bundles at start. */
export function workflowBundlerOptions(): { workflowsPath: string; preloadModules: string[] } {
  return { workflowsPath: workflowsPath(), preloadModules: sharedWorkflowModules() };
}

/**
 * Where `npm run build` writes the workflow bundle (scripts/bundle-workflows.ts): beside the
 * compiled workflows, dist/workflows/bundle.js. From TypeScript sources it names a file no build
 * writes, so tests keep bundling their own.
 */
export function prebuiltBundlePath(): string {
  return join(WORKFLOWS_DIR, 'bundle.js');
}

/** The workflow code a worker or a replay runs: the bundle of the build when there is one, else the sources to bundle at start. */
export type WorkflowCode = { workflowBundle: { codePath: string } } | { workflowsPath: string; bundlerOptions: { preloadModules: string[] } };

export function deployedWorkflowCode(): WorkflowCode {
  return workflowCodeIn(WORKFLOWS_DIR, workflowsPath);
}

/**
 * The bundle in `directory` unless it is missing or older than a compiled workflow file beside it
 * (the compiler ran again without the bundle step): running it would run yesterday's workflows,
 * so the sources are bundled at start instead, and the log line says so.
 */
export function workflowCodeIn(directory: string, entry: () => string): WorkflowCode {
  const codePath = join(directory, 'bundle.js');
  const atStart = () => ({ workflowsPath: entry(), bundlerOptions: { preloadModules: sharedWorkflowModules() } });
  if (!existsSync(codePath)) return atStart();
  const built = statSync(codePath).mtimeMs;
  return newestCompiledFile(directory, codePath) > built ? atStart() : { workflowBundle: { codePath } };
}

function newestCompiledFile(directory: string, bundle: string): number {
  let newest = 0;
  for (const item of readdirSync(directory, { withFileTypes: true, recursive: true })) {
    const path = join(item.parentPath, item.name);
    if (item.isFile() && path.endsWith('.js') && path !== bundle) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** For the start-up log line: which of the two a process runs. */
export function describeWorkflowCode(code: WorkflowCode): string {
  return 'workflowBundle' in code ? `prebuilt bundle ${code.workflowBundle.codePath}` : `bundled at start from ${code.workflowsPath}`;
}
