// Which workflow code a worker and audit:replay run: the build's bundle, unless it is missing or
// older than the compiled workflows beside it.
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployedWorkflowCode, sharedWorkflowModules, workflowCodeIn } from '../../apps/worker/src/workflow-code';

describe('the workflow code a worker loads', () => {
  let directory: string;
  const entry = () => join(directory, 'index.js');
  const at = (file: string, seconds: number) => utimesSync(join(directory, file), seconds, seconds);

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'workflows-'));
    mkdirSync(join(directory, 'dispute'));
    writeFileSync(join(directory, 'index.js'), '');
    writeFileSync(join(directory, 'dispute', 'dispute.workflow.js'), '');
    at('index.js', 1_000);
    at('dispute/dispute.workflow.js', 1_000);
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('is the build\u2019s bundle when it was written after the compiled workflows', () => {
    writeFileSync(join(directory, 'bundle.js'), '');
    at('bundle.js', 2_000);
    expect(workflowCodeIn(directory, entry)).toEqual({ workflowBundle: { codePath: join(directory, 'bundle.js') } });
  });

  it('bundles the workflows at start when no build wrote a bundle', () => {
    expect(workflowCodeIn(directory, entry)).toEqual({ workflowsPath: entry(), bundlerOptions: { preloadModules: sharedWorkflowModules() } });
  });

  it('bundles the workflows at start when a compiled workflow is newer than the bundle', () => {
    writeFileSync(join(directory, 'bundle.js'), '');
    at('bundle.js', 2_000);
    at('dispute/dispute.workflow.js', 3_000);
    expect(workflowCodeIn(directory, entry)).toEqual({ workflowsPath: entry(), bundlerOptions: { preloadModules: sharedWorkflowModules() } });
  });

  it('from the TypeScript sources (tests) bundles the sources, as no build writes a bundle there', () => {
    expect(deployedWorkflowCode()).toEqual({ workflowsPath: require.resolve('../../workflows'), bundlerOptions: { preloadModules: [require.resolve('../../workflows/sandbox-stacks'), require.resolve('../../libs/domain/src'), require.resolve('../../libs/contracts/src')] } });
  });
});
