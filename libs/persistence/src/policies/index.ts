// The `policy_versions` table (append-only published policies): its row type and one file per SQL operation.
export { policyOf, type PolicyVersionRow } from './policy-version-row';
export * from './read-current-policy';
export * from './read-policy-lines';
export * from './read-policy-versions';
export * from './insert-policy-version';
