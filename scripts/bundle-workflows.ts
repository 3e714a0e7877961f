// The last step of `npm run build`: bundles the workflow code once, with the SDK's webpack-based
// bundler, into dist/workflows/bundle.js. The worker loads that file (workflowBundle.codePath),
// so it neither runs webpack at start nor keeps webpack's modules in its heap, and
// `npm run audit:replay` replays the very code the worker runs (docs/operating.md).
// It bundles the compiled workflows (dist/workflows), as the worker did at start before.
import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { prebuiltBundlePath, workflowBundlerOptions } from '../apps/worker/src/workflow-code';

async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ ...workflowBundlerOptions(), logger: new DefaultLogger('WARN') });
  writeFileSync(prebuiltBundlePath(), code);
  console.log(`[build] workflow bundle ${prebuiltBundlePath()} (${(code.length / 1024 / 1024).toFixed(1)} MB with its source map)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
