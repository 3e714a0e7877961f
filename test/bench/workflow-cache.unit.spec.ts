// Equal cache settings for the timer burst (issue 18): the SDK's default named as a number.
import { getHeapStatistics } from 'node:v8';
import { DefaultLogger } from '@temporalio/worker';
// The SDK's own option defaulting, which the bench's number must match.
import { compileWorkerOptions } from '@temporalio/worker/lib/worker-options';
import { cachedWorkflowsFor, sdkDefaultMaxCachedWorkflows } from '../../fixtures/measures/workflow-cache';

describe('the SDK default workflow cache', () => {
  it('follows the heap limit as the SDK computes it', () => {
    // docs/performance.md: 2,310 workflows with a 4,144 MB heap limit.
    expect(sdkDefaultMaxCachedWorkflows(4_144)).toBe(2_310);
    expect(sdkDefaultMaxCachedWorkflows(256)).toBe(32);
    expect(sdkDefaultMaxCachedWorkflows(100)).toBe(10);
    expect(sdkDefaultMaxCachedWorkflows(4_144, false)).toBe(914);
  });

  it('stands for a number in the burst table, and a number stands for itself', () => {
    expect(cachedWorkflowsFor('sdk-default', 4_144)).toBe(2_310);
    expect(cachedWorkflowsFor(1_000, 4_144)).toBe(1_000);
  });

  it('is what the SDK itself chooses in this process', () => {
    // The SDK's own defaulting (no server needed): the options it would create a worker with.
    const compiled = compileWorkerOptions({ taskQueue: 'cache-default', workflowsPath: __filename }, new DefaultLogger('ERROR'), undefined as never);
    expect(compiled.maxCachedWorkflows).toBe(sdkDefaultMaxCachedWorkflows(getHeapStatistics().heap_size_limit / 1024 / 1024));
  });
});
