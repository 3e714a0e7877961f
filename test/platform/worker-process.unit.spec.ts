// The worker's process settings (V8 heap limit, malloc arenas) and its prebuilt workflow bundle,
// in every place the deployment starts it: deploy/kubernetes/worker.yaml sizes them, and
// docker-compose.yml, the Dockerfile and the build must agree with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { deployedWorkerProcessEnv, heapLimitBytes } from '../../fixtures/worker-process';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('the worker process as deployed', () => {
  const deployed = deployedWorkerProcessEnv(ROOT);

  it('has a V8 heap limit Node accepts and two malloc arenas in the Kubernetes manifest', () => {
    expect(deployed.NODE_OPTIONS).toMatch(/--max-old-space-size=\d+/);
    // The young generation too: Node 24 would otherwise size it from the old space (docs/performance.md).
    expect(deployed.NODE_OPTIONS).toMatch(/--max-semi-space-size=\d+/);
    const limitMiB = heapLimitBytes(deployed.NODE_OPTIONS) / 2 ** 20;
    expect(limitMiB).toBeLessThan(heapLimitBytes('') / 2 ** 20);
    expect(deployed.MALLOC_ARENA_MAX).toBe('2');
  });

  it('starts the same way in docker-compose.yml', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, { command?: string[]; environment?: Record<string, string> }> };
    const worker = compose.services.worker;
    expect(worker.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    expect({ NODE_OPTIONS: worker.environment?.NODE_OPTIONS, MALLOC_ARENA_MAX: worker.environment?.MALLOC_ARENA_MAX }).toEqual(deployed);
    // The API keeps its own heap: the worker's limit is sized for the worker.
    expect(compose.services.api.environment?.NODE_OPTIONS).not.toBe(deployed.NODE_OPTIONS);
  });

  it('gets the malloc arenas from the image, whose build writes the workflow bundle the worker loads', () => {
    const dockerfile = read('Dockerfile');
    const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtimeStage).toContain(`ENV MALLOC_ARENA_MAX=${deployed.MALLOC_ARENA_MAX}`);
    // One image runs the API and the worker: a heap limit there would be the wrong one for one of them.
    expect(dockerfile).not.toMatch(/ENV NODE_OPTIONS/);
    expect(dockerfile).toMatch(/RUN npm run build[^\n]*\n?[^\n]*test -f dist\/workflows\/bundle\.js/);
    const build = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.build;
    // After the compiler (it bundles the compiled workflows) and before anything that could fail later.
    expect(build).toMatch(/^tsc -p tsconfig\.build\.json && node dist\/scripts\/bundle-workflows\.js && /);
  });
});
