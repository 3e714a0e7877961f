/**
 * How many frames a stack captured inside the workflow sandbox keeps (V8's default is 10).
 *
 * The SDK records, for every promise workflow code creates, the stack that created it (for the
 * `__stack_trace` query), and maps each of its frames through the bundle's source map. That was
 * a fifth of the workflow thread's time per command (docs/performance.md). The query cuts each
 * stack at the workflow function anyway, and the innermost frames are the ones that say what a
 * workflow waits on and where an error arose: six keep them and map fewer.
 */
export const SANDBOX_STACK_FRAMES = 6;

// Evaluated once, as a preloaded module, before the SDK freezes the sandbox's globals (Error
// among them), so the setting holds for every workflow the context runs. A bundle made without
// the preload evaluates this again per workflow, on a frozen Error: it then keeps V8's default.
if (!Object.isFrozen(Error)) Error.stackTraceLimit = SANDBOX_STACK_FRAMES;
