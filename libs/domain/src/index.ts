// The public surface of the dispute domain core.
export * from './types';
export * from './policy';
export * from './commands';
export * from './events';
export * from './state';
export type { Decision } from './result';
export type { DecisionContext } from './decide/context';
export { decide } from './decide/decide';
export { evolve, fold } from './evolve';
export * from './deadlines';
export * from './read-models';
export { parseIso, formatIso, addMs } from './time';
export { refundableMinor } from './money';
export { canRead } from './visibility';
export { isStorableText } from './validate';
export * from './citations';
export { canReadEvidence } from './visibility';
export * from './projection';
