// The audit library: the hash chain, its verification, point-in-time replay, the timeline,
// exports and projection rebuilds. Workflow replay (./workflow-replay) is imported on its
// own, as it loads the Temporal worker.
export * from '../../chain/src';
export * from './history';
export * from './verify';
export * from './replay';
export * from './projections';
export * from './export';
export * from './verify-evidence';
