import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../libs/platform/src';

const COMPOSE_FILE = join(__dirname, '..', '..', 'docker-compose.yml');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

/** The resolved file: from `docker compose config` when the compose plugin is installed, else parsed here. */
function resolvedCompose(): { source: string; compose: ComposeFile } {
  const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  if (probe.status === 0) {
    const json = execFileSync('docker', ['compose', '-f', COMPOSE_FILE, 'config', '--format', 'json'], { encoding: 'utf8' });
    return { source: 'docker compose config', compose: JSON.parse(json) as ComposeFile };
  }
  // No compose plugin on this machine: parse with YAML merge keys resolved, as compose does.
  const parsed = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as ComposeFile;
  for (const service of Object.values(parsed.services)) {
    service.environment = Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value).replace(/\$\{(\w+):-([^}]*)\}/g, (_m, name: string, fallback: string) => process.env[name] ?? fallback)]),
    );
  }
  return { source: 'yaml', compose: parsed };
}

describe('docker-compose.yml', () => {
  const { compose } = resolvedCompose();

  const script = (name: string) => readFileSync(join(__dirname, '..', '..', 'scripts', name), 'utf8');
  const serverVersion = /TEMPORAL_SERVER_VERSION="v([\d.]+)"/.exec(script('temporal-cluster.sh'))?.[1];

  it('runs PostgreSQL, a Temporal server on PostgreSQL with its schema and setup jobs and the UI, the worker and the API', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgres', 'temporal', 'temporal-schema', 'temporal-setup', 'temporal-ui', 'worker']);
    expect(compose.services.postgres.image).toMatch(/^postgres:/);
    // The official server image at the version the cluster tier builds and tests.
    expect(serverVersion).toBe('1.29.1');
    expect(compose.services.temporal.image).toBe(`temporalio/server:${serverVersion}`);
    expect(compose.services['temporal-schema'].image).toBe(`temporalio/admin-tools:${serverVersion}`);
    expect(compose.services['temporal-setup'].image).toBe(`temporalio/admin-tools:${serverVersion}`);
    expect(compose.services.temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' });
    expect(Number(compose.services.temporal.environment?.NUM_HISTORY_SHARDS)).toBeGreaterThanOrEqual(8);
    expect(compose.services['temporal-ui'].image).toMatch(/^temporalio\/ui:\d+\.\d+\.\d+$/);
    for (const name of ['api', 'worker', 'migrate']) expect(compose.services[name].build).toBeDefined();
  });

  it('only depends on services it defines, and starts the apps after migrations and the Temporal setup', () => {
    for (const service of Object.values(compose.services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(compose.services[dependency]).toBeDefined();
    }
    for (const app of ['api', 'worker']) {
      expect(compose.services[app].depends_on?.migrate.condition).toBe('service_completed_successfully');
      expect(compose.services[app].depends_on?.['temporal-setup'].condition).toBe('service_completed_successfully');
    }
    expect(compose.services.temporal.depends_on?.['temporal-schema'].condition).toBe('service_completed_successfully');
  });

  it('gives the apps an environment their own configuration check accepts', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const config = loadConfig(compose.services[name].environment ?? {});
      expect(config.database.url).toContain('@postgres:5432/');
      expect(config.temporal.address).toBe('temporal:7233');
    }
  });

  it('registers the search attributes the workflows write', () => {
    const setup = (compose.services['temporal-setup'].command ?? []).join('\n');
    const flags = [...setup.matchAll(/--search-attribute=(Dispute\w+=\w+)/g)].map((match) => match[1]);
    const scripted = [...script('temporal.sh').matchAll(/"(Dispute\w+=\w+)"/g)].map((match) => match[1]);
    expect(flags.sort()).toEqual(scripted.sort());
    expect(flags).toHaveLength(5);
  });

  it('gives the server the dynamic configuration the cluster script uses', () => {
    expect(compose.services.temporal.volumes).toContain('./deploy/temporal/dynamicconfig.yaml:/etc/temporal/config/dynamicconfig/disputes.yaml:ro');
    expect(script('temporal-cluster.sh')).toContain('deploy/temporal/dynamicconfig.yaml');
    const dynamic = parse(readFileSync(join(__dirname, '..', '..', 'deploy', 'temporal', 'dynamicconfig.yaml'), 'utf8')) as Record<string, { value: unknown }[]>;
    expect(dynamic['frontend.enableUpdateWorkflowExecution'][0].value).toBe(true);
    expect(dynamic['frontend.enableExecuteMultiOperation'][0].value).toBe(true);
  });
});
