// That it is preloaded first, before the SDK freezes the sandbox: test/platform/workflow-code.unit.spec.ts.
describe('the workflow sandbox keeps fewer frames per stack', () => {
  it('sets the depth on an Error that is not frozen yet, as in the sandbox before the freeze', () => {
    const before = Error.stackTraceLimit;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here for its effect on this file's own Error
    const { SANDBOX_STACK_FRAMES } = require('../../workflows/sandbox-stacks') as typeof import('../../workflows/sandbox-stacks');
    expect(before).not.toBe(SANDBOX_STACK_FRAMES);
    expect(Error.stackTraceLimit).toBe(SANDBOX_STACK_FRAMES);
  });
});
