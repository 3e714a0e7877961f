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

  it('runs PostgreSQL, a Temporal server, the worker and the API', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgres', 'temporal', 'worker']);
    expect(compose.services.postgres.image).toMatch(/^postgres:/);
    expect(compose.services.temporal.image).toBe('temporalio/temporal:1.5.1');
    for (const name of ['api', 'worker', 'migrate']) expect(compose.services[name].build).toBeDefined();
  });

  it('only depends on services it defines, and starts the apps after migrations', () => {
    for (const service of Object.values(compose.services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(compose.services[dependency]).toBeDefined();
    }
    expect(compose.services.api.depends_on?.migrate.condition).toBe('service_completed_successfully');
    expect(compose.services.worker.depends_on?.migrate.condition).toBe('service_completed_successfully');
  });

  it('gives the apps an environment their own configuration check accepts', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const config = loadConfig(compose.services[name].environment ?? {});
      expect(config.database.url).toContain('@postgres:5432/');
      expect(config.temporal.address).toBe('temporal:7233');
    }
  });

  it('registers the search attributes the workflows write', () => {
    const flags = (compose.services.temporal.command ?? []).filter((flag) => flag.startsWith('--search-attribute='));
    const script = readFileSync(join(__dirname, '..', '..', 'scripts', 'temporal.sh'), 'utf8');
    const scripted = [...script.matchAll(/"(Dispute\w+=\w+)"/g)].map((match) => `--search-attribute=${match[1]}`);
    expect(flags.sort()).toEqual(scripted.sort());
    expect(flags).toHaveLength(5);
  });
});
