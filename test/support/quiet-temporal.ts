import { DefaultLogger, Runtime } from '@temporalio/worker';

// The SDK logs every worker state change at INFO; tests only want warnings and errors.
Runtime.install({ logger: new DefaultLogger('WARN') });
