import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Kept free of @temporalio/worker: the build step, the worker and the audit replay tool all ask
// this file where the workflow code is, and only the build step may load the bundler.

/** Resolves the workflows entry whether running from TypeScript sources (tests) or compiled output. */
export function workflowsPath(): string {
  return createRequire(__filename).resolve(join(__dirname, '..', '..', '..', 'workflows'));
}

/**
 * Where `npm run build` writes the workflow bundle (scripts/bundle-workflows.ts): beside the
 * compiled workflows, dist/workflows/bundle.js. From TypeScript sources it names a file no build
 * writes, so tests keep bundling their own.
 */
export function prebuiltBundlePath(): string {
  return join(__dirname, '..', '..', '..', 'workflows', 'bundle.js');
}

/** The workflow code a worker or a replay runs: the bundle of the build when there is one, else the sources to bundle at start. */
export type WorkflowCode = { workflowBundle: { codePath: string } } | { workflowsPath: string };

export function deployedWorkflowCode(): WorkflowCode {
  const codePath = prebuiltBundlePath();
  return existsSync(codePath) ? { workflowBundle: { codePath } } : { workflowsPath: workflowsPath() };
}

/** For the start-up log line: which of the two a process runs. */
export function describeWorkflowCode(code: WorkflowCode): string {
  return 'workflowBundle' in code ? `prebuilt bundle ${code.workflowBundle.codePath}` : `bundled at start from ${code.workflowsPath}`;
}
