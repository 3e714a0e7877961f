// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeAndFrameworks = {
  patterns: [
    { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'net'], message: 'Pure code: no Node APIs here.' },
    { group: ['@nestjs/*', 'typeorm', 'pg', 'pino', 'prom-client'], message: 'Pure code: no frameworks or I/O here.' },
  ],
};

// Tests and the bench share builders through fixtures/, never each other; production code imports none of the three.
const notFrom = (message, ...folders) => ({ group: folders.flatMap((folder) => [`${folder}/*`, `**/${folder}/*`]), message });
const notTestCode = notFrom('Production code imports no test, bench or fixture code.', 'test', 'bench', 'fixtures');
const nodeAndFrameworksInProduction = { patterns: [...nodeAndFrameworks.patterns, notTestCode] };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'bench/results/**', 'apps/console/src/gql/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'workflows/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [notTestCode] }] },
  },
  { files: ['bench/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [notFrom('The bench imports no test code; share builders through fixtures/.', 'test')] }] } },
  { files: ['test/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [notFrom('Tests import no bench code; share builders through fixtures/.', 'bench')] }] } },
  {
    // The domain core and the workflow sandbox must stay deterministic and portable.
    files: ['libs/domain/**/*.ts', 'workflows/**/*.ts', 'libs/contracts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', nodeAndFrameworksInProduction] },
  },
  {
    // Temporal makes Date deterministic inside workflows; the domain gets time only from its context.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'Date', message: 'Time comes from the context or workflow, never the clock.' }, 'setTimeout', 'process'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Randomness breaks replay.' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
