import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, Runtime, Worker } from '@temporalio/worker';
import { workflowBundle } from '../support/temporal';

const HISTORIES = join(__dirname, 'histories');
const fixtures = readdirSync(HISTORIES).filter((file) => file.endsWith('.json'));
const load = (file: string) => historyFromJSON(JSON.parse(readFileSync(join(HISTORIES, file), 'utf8')));

/**
 * Recorded histories of real disputes (see docs/versioning.md) replayed against the workflow
 * code as it is now: a change that would break a running dispute fails here before it ships.
 */
describe('replaying recorded dispute histories', () => {
  it('has histories to replay', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
  });

  it.each(fixtures)('replays %s with the current workflow code', async (file) => {
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle(), replayName: file }, load(file))).resolves.toBeUndefined();
  });

  it('catches an incompatible change: the same histories fail against a workflow with an unpatched timer', async () => {
    const changed = await bundleWorkflowCode({ workflowsPath: require.resolve('./changed-workflow'), logger: Runtime.instance().logger });
    await expect(Worker.runReplayHistory({ workflowBundle: changed }, load('mediation-appeal-refund.json'))).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
