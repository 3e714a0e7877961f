// Tiers are selected by file name: *.unit.spec.ts, *.int.spec.ts (PostgreSQL),
// *.workflow.spec.ts (Temporal), *.e2e.spec.ts (GraphQL over HTTP/WS), *.fault.spec.ts (the
// compiled services as processes, killed and cut off while under load), *.cluster.spec.ts (the
// same fault scenarios on a Temporal cluster on PostgreSQL).
const swc = ['@swc/jest', { swcrc: true }];
const common = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // Nest 12, jose 6 and kubernetes-models (with its ESM dependencies) ship ESM only; jest's
  // CommonJS runtime needs them transformed.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@standard-schema|jose|kubernetes-models|@kubernetes-models|is-cidr|cidr-regex)/)'],
  // kubernetes-models exports its files under the "import" condition only, which jest's CommonJS
  // resolver does not look at: point its entry points at their files.
  moduleNameMapper: {
    '^kubernetes-models/(.+)$': '<rootDir>/node_modules/kubernetes-models/$1/index.js',
    '^@kubernetes-models/(base|validate)$': '<rootDir>/node_modules/@kubernetes-models/$1/dist/index.js',
    '^@kubernetes-models/apimachinery/_schemas/(.+)$': '<rootDir>/node_modules/@kubernetes-models/apimachinery/_schemas/$1.js',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
};
const services = { globalSetup: '<rootDir>/test/support/global-setup.ts' };
const withTemporal = { ...services, setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] };
const recording = process.argv.some((arg, index) => arg === '--selectProjects=record' || (arg === 'record' && process.argv.slice(0, index).includes('--selectProjects')));
const tier = (name, extra = {}) => ({
  ...common,
  displayName: name,
  testMatch: [`<rootDir>/test/**/*.${name}.spec.ts`],
  ...extra,
});
module.exports = {
  // Global, not per project (jest reads it from the global config): suites on real services bundle
  // workflows and start workers in their hooks, which on a loaded 2-core machine takes well over
  // jest's 5 s default. It bounds setup time; it does not test speed.
  testTimeout: 60_000,
  // Coverage of the whole service (libs, apps, workflows) is measured in the full run, which
  // `npm test` enforces: the tree as a whole at least at today's figures, so they can only
  // rise, and the rulebook at 95 %. Code that runs only in child processes (the fault tier, the
  // process tests) or in the workflow sandbox is not seen, which the tree's figure reflects.
  collectCoverageFrom: ['<rootDir>/libs/*/src/**/*.ts', '<rootDir>/apps/*/src/**/*.ts', '<rootDir>/workflows/**/*.ts', '!**/migrations/**', '!<rootDir>/apps/console/**'],
  // Measured 2026-12-02 (the tree without the domain): lines 84.3 %, branches 75.2 %; the floor sits just below for run-to-run noise.
  coverageThreshold: { global: { lines: 83, branches: 73 }, './libs/domain/src/': { lines: 95, branches: 95 } },
  coverageReporters: ['text-summary'],
  projects: [
    tier('unit'),
    tier('int', services),
    tier('workflow', withTemporal),
    tier('e2e', withTemporal),
    tier('fault', withTemporal),
    // The console in Debian's Chromium (playwright-core) against the real API, worker, Temporal and PostgreSQL.
    tier('browser', withTemporal),
    // On the Temporal cluster (scripts/temporal-cluster.sh), which scripts/test.sh starts for this tier alone.
    tier('cluster', withTemporal),
    // Not a test tier: re-records the workflow replay fixtures (docs/versioning.md). Listed only
    // when asked for by name (`--selectProjects record`), so a plain `npx jest` never records.
    ...(recording ? [{ ...common, ...withTemporal, displayName: 'record', testMatch: ['<rootDir>/test/replay/*.record.ts'] }] : []),
  ],
};
