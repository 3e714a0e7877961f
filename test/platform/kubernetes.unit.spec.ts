// The manifests under deploy/kubernetes, offline: each document against the Kubernetes schema of
// its kind (kubernetes-models; jest.config.js maps and transforms that ESM-only package), then
// what the schema cannot know: ports, paths, heap and grace periods against the code's own values.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler, type IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job, type IJob } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget, type IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service, type IConfigMap, type IContainer, type IPodSpec, type IProbe, type ISecret, type IService } from 'kubernetes-models/v1';
import { parse, parseAllDocuments } from 'yaml';
import { loadApiSettings } from '../../apps/api/src/api-settings';
import { loadConfig, type AppConfig } from '../../libs/platform/src';
import { WORKER_PROCESS_VARIABLES } from '../../fixtures/worker-process';

const ROOT = join(__dirname, '..', '..');
const MANIFESTS = join(ROOT, 'deploy', 'kubernetes');
/** Files under deploy/kubernetes that document something kustomize must not apply. */
const NOT_APPLIED = ['secret.example.yaml', 'autoscaling/prometheus-adapter-rules.yaml'];

type Model = { validate(): void };
/** Every kind the manifests may use, with the kubernetes-models class that validates it. */
const MODELS: Record<string, new (data: never) => Model> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}
interface Kustomization {
  resources: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

function yamlFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? yamlFiles(join(directory, entry.name)) : /\.ya?ml$/.test(entry.name) ? [join(directory, entry.name)] : [],
  );
}

function loadManifests(): { kustomization: Kustomization; manifests: Manifest[] } {
  let kustomization: Kustomization | undefined;
  const manifests: Manifest[] = [];
  for (const path of yamlFiles(MANIFESTS)) {
    const file = relative(MANIFESTS, path);
    for (const document of parseAllDocuments(readFileSync(path, 'utf8'))) {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
      const value = document.toJS() as Manifest | null;
      if (value === null) continue;
      if (value.kind === 'Kustomization') kustomization = value as unknown as Kustomization;
      else manifests.push({ ...value, file });
    }
  }
  if (!kustomization) throw new Error('deploy/kubernetes has no kustomization.yaml');
  return { kustomization, manifests };
}

/** What `kubectl apply -k` creates: the listed files, with the kustomization's image pins applied. */
function applied(kustomization: Kustomization, manifests: Manifest[]): Manifest[] {
  const pins = new Map((kustomization.images ?? []).map((image) => [image.name, image]));
  return manifests
    .filter((manifest) => kustomization.resources.includes(manifest.file))
    .map((manifest) => {
      const copy = structuredClone(manifest);
      for (const container of containersOf(copy)) {
        const [name, tag] = (container.image ?? '').split(':');
        const pin = pins.get(name);
        if (pin) container.image = `${pin.newName ?? name}:${pin.newTag ?? tag}`;
      }
      return copy;
    });
}

/** The document as written, without the file name this test adds. */
function documentOf(manifest: Manifest): Record<string, unknown> {
  const copy: Record<string, unknown> = structuredClone(manifest);
  delete copy.file;
  return copy;
}

function podSpecOf(manifest: Manifest): IPodSpec | undefined {
  if (manifest.kind === 'Deployment') return (manifest as unknown as IDeployment).spec?.template.spec;
  if (manifest.kind === 'Job') return (manifest as unknown as IJob).spec?.template.spec;
  return undefined;
}
function containersOf(manifest: Manifest): IContainer[] {
  return podSpecOf(manifest)?.containers ?? [];
}

function find<T>(manifests: Manifest[], kind: string, name: string): T & Manifest {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found as T & Manifest;
}

/**
 * The environment a container starts with: its ConfigMaps (from the applied manifests) and
 * Secret keys (from secret.example.yaml, the Secret's documented shape). `declared` is every
 * name the manifest sets, including optional secret keys the example leaves out.
 */
function environmentOf(container: IContainer, manifests: Manifest[], secret: ISecret): { env: Record<string, string>; declared: string[] } {
  const configMap = (name: string) => find<IConfigMap>(manifests, 'ConfigMap', name).data ?? {};
  const secretData: Record<string, string> = {
    ...Object.fromEntries(Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')])),
    ...secret.stringData,
  };
  const env: Record<string, string> = {};
  const declared: string[] = [];
  for (const source of container.envFrom ?? []) {
    if (!source.configMapRef?.name) throw new Error(`${container.name}: only envFrom configMapRef is expected, so every secret key is named`);
    for (const [key, value] of Object.entries(configMap(source.configMapRef.name))) {
      env[key] = value;
      declared.push(key);
    }
  }
  for (const variable of container.env ?? []) {
    declared.push(variable.name);
    if (variable.value !== undefined) env[variable.name] = variable.value;
    const fromConfig = variable.valueFrom?.configMapKeyRef;
    if (fromConfig?.name) env[variable.name] = configMap(fromConfig.name)[fromConfig.key];
    const fromSecret = variable.valueFrom?.secretKeyRef;
    if (fromSecret) {
      if (fromSecret.name !== secret.metadata?.name) throw new Error(`${container.name}: ${variable.name} refers to Secret ${fromSecret.name}, not ${secret.metadata?.name}`);
      if (fromSecret.key in secretData) env[variable.name] = secretData[fromSecret.key];
      else if (!fromSecret.optional) throw new Error(`${container.name}: ${variable.name} needs key ${fromSecret.key}, which secret.example.yaml does not show`);
    }
  }
  return { env, declared };
}

/** The names a loader reads from the environment it is given. */
function namesRead(load: (env: Record<string, string | undefined>) => unknown, env: Record<string, string>): Set<string> {
  const read = new Set<string>();
  load(
    new Proxy(env, {
      get(target, name) {
        if (typeof name === 'string') read.add(name);
        return Reflect.get(target, name);
      },
    }),
  );
  return read;
}

function probePort(container: IContainer, probe: IProbe | undefined): number | undefined {
  const port = probe?.httpGet?.port;
  if (typeof port === 'number') return port;
  return container.ports?.find((candidate) => candidate.name === port)?.containerPort;
}

function mebibytes(quantity: string | number | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|k|M|G)?$/.exec(String(quantity));
  if (!match) throw new Error(`not a memory quantity: ${quantity}`);
  const factor = { Ki: 1 / 1024, Mi: 1, Gi: 1024, k: 1e3 / 2 ** 20, M: 1e6 / 2 ** 20, G: 1e9 / 2 ** 20 }[match[2] ?? ''] ?? 1 / 2 ** 20;
  return Number(match[1]) * factor;
}

/** V8's heap ceiling (heap_size_limit, old space plus young generation) for these NODE_OPTIONS, from this Node. */
function heapCeilingMiB(nodeOptions: string): number {
  const result = spawnSync(process.execPath, ['-p', 'v8.getHeapStatistics().heap_size_limit'], { env: { PATH: process.env.PATH, NODE_OPTIONS: nodeOptions }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node refused NODE_OPTIONS "${nodeOptions}": ${result.stderr}`);
  return Number(result.stdout.trim()) / 2 ** 20;
}

// Worker memory measured by the bench (docs/performance.md, MiB): with the cache at 250 the RSS
// plateau is 470 to 485 from 4,278 to 10,000 open disputes, of which the main thread's V8 heap is
// about 150; each cached workflow costs about 0.2.
const WORKER_PLATEAU_MIB = 485;
const WORKER_MAIN_HEAP_MIB = 150;
const MEASURED_CACHE = 250;
const MIB_PER_CACHED_WORKFLOW = 0.2;
// API memory, measured once for api.yaml (see its comment): peak RSS 308 at 64 clients; idle RSS
// 125 of which 62 is V8 heap.
const API_PEAK_MIB = 308;
const API_OUTSIDE_HEAP_MIB = 125 - 62;
/** A process still running this long after SHUTDOWN_GRACE_MS exits by itself (libs/platform/src/bootstrap.ts). */
const FORCED_EXIT_AFTER_GRACE_S = 5;
/** The Temporal TS SDK 1.24 worker's Prometheus series the adapter rules may read (read off a 1.24 worker's /metrics). */
const SDK_METRICS = ['temporal_workflow_task_schedule_to_start_latency', 'temporal_activity_schedule_to_start_latency', 'temporal_worker_task_slots_used', 'temporal_worker_task_slots_available'];

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  const { kustomization, manifests: all } = loadManifests();
  const manifests = applied(kustomization, all);
  const secret = find<ISecret>(all, 'Secret', 'disputes-secrets');
  const api = find<IDeployment>(manifests, 'Deployment', 'disputes-api');
  const worker = find<IDeployment>(manifests, 'Deployment', 'disputes-worker');
  const migrate = find<IJob>(manifests, 'Job', 'disputes-migrate');
  const container = (manifest: Manifest) => {
    const containers = containersOf(manifest);
    if (containers.length !== 1) throw new Error(`${manifest.metadata.name}: expected one container, found ${containers.length}`);
    return containers[0];
  };
  const apiEnv = environmentOf(container(api), manifests, secret);
  const workerEnv = environmentOf(container(worker), manifests, secret);
  const migrateEnv = environmentOf(container(migrate), manifests, secret);
  const apiConfig: AppConfig = loadConfig(apiEnv.env);
  const workerConfig: AppConfig = loadConfig(workerEnv.env);

  it('validates every document against the Kubernetes schema of its kind', () => {
    expect(all.length).toBeGreaterThanOrEqual(12);
    for (const manifest of all) {
      const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
      if (!Model) throw new Error(`${manifest.file}: no validator for ${manifest.apiVersion} ${manifest.kind}; add one to MODELS`);
      expect(() => new Model(documentOf(manifest) as never).validate()).not.toThrow();
    }
  });

  it('has a validator that catches a schema violation', () => {
    const replicas = documentOf(api);
    (replicas.spec as Record<string, unknown>).replicas = 'two';
    expect(() => new Deployment(replicas as never).validate()).toThrow(/replicas must be integer/);
    const probe = documentOf(worker) as unknown as IDeployment;
    (probe.spec!.template.spec!.containers[0].livenessProbe as Record<string, unknown>).periodSeconds = '10s';
    expect(() => new Deployment(probe as never).validate()).toThrow(/periodSeconds must be integer/);
    // The validated documents are the ones the other checks read, unchanged by these copies.
    expect(() => new Deployment(documentOf(api) as never).validate()).not.toThrow();
  });

  it('applies every manifest file except the documented examples, in one image built from the Dockerfile', () => {
    const files = [...new Set(all.map((manifest) => manifest.file))].sort();
    expect([...kustomization.resources].sort()).toEqual(files.filter((file) => !NOT_APPLIED.includes(file)));
    for (const file of NOT_APPLIED) expect(files).toContain(file);
    expect(kustomization.images).toEqual([{ name: 'disputes', newTag: expect.stringMatching(/^[\w.-]+$/) }]);
    const images = manifests.flatMap(containersOf).map((each) => each.image);
    expect(images).toHaveLength(3);
    expect(new Set(images)).toEqual(new Set([`disputes:${kustomization.images?.[0].newTag}`]));
    // The commands are the Dockerfile build's outputs of real entry points.
    for (const [manifest, entry] of [[api, 'apps/api/src/main'], [worker, 'apps/worker/src/main'], [migrate, 'scripts/migrate']] as const) {
      expect(container(manifest).command).toEqual(['node', `dist/${entry}.js`]);
      expect(existsSync(join(ROOT, `${entry}.ts`))).toBe(true);
    }
    expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).toMatch(/RUN npm run build/);
  });

  it('migrates without demo data, once, and does not retry forever', () => {
    expect(JSON.stringify(migrate.spec)).not.toContain('seed');
    expect(migrate.spec?.template.spec?.restartPolicy).toBe('Never');
    expect(migrate.spec?.backoffLimit).toBeLessThanOrEqual(5);
    expect(migrate.spec?.activeDeadlineSeconds).toBeGreaterThan(0);
    expect(migrate.spec?.ttlSecondsAfterFinished).toBeGreaterThan(0);
  });

  it('gives each container a production environment its own configuration check accepts, and nothing it does not read', () => {
    for (const [name, { env, declared }, readers] of [
      ['api', apiEnv, [loadConfig, loadApiSettings]],
      ['worker', workerEnv, [loadConfig]],
      ['migrate', migrateEnv, [loadConfig]],
    ] as const) {
      const config = loadConfig(env);
      expect(config.environment).toBe('production');
      expect(config.database.explicit).toBe(true);
      expect(config.auth.jwksUrl ?? config.auth.jwtSecret).toBeDefined();
      // Node reads NODE_OPTIONS and glibc MALLOC_ARENA_MAX; every other name must be one the service
      // reads, so a typo or a variable the code no longer knows fails here instead of being silently ignored.
      const known = new Set<string>([...WORKER_PROCESS_VARIABLES, ...readers.flatMap((reader) => [...namesRead(reader, env)])]);
      expect({ name, unknown: declared.filter((variable) => !known.has(variable)) }).toEqual({ name, unknown: [] });
      expect(new Set(declared).size).toBe(declared.length);
    }
    const settings = loadApiSettings(apiEnv.env);
    // Several API pods must share the evidence files: a bucket, not a pod's folder.
    expect(settings.evidenceS3?.bucket).toBeTruthy();
  });

  it('points the probes at the health endpoints on the ports and hosts the processes listen on', () => {
    const controller = readFileSync(join(ROOT, 'libs', 'platform', 'src', 'health.controller.ts'), 'utf8');
    expect(controller).toContain("@Get('health/live')");
    expect(controller).toContain("@Get('health/ready')");
    // Each readiness check gives up after CHECK_TIMEOUT_MS; the probe must wait longer to see the 503.
    const checkTimeoutS = Number(/CHECK_TIMEOUT_MS = ([\d_]+);/.exec(controller)?.[1].replace(/_/g, '')) / 1000;
    expect(checkTimeoutS).toBeGreaterThan(0);
    for (const [manifest, config] of [[api, apiConfig.api], [worker, workerConfig.worker]] as const) {
      const app = container(manifest);
      // 127.0.0.1, the default, is unreachable for the kubelet and the Service.
      expect(config.host).toBe('0.0.0.0');
      expect(app.ports?.find((port) => port.name === 'http')?.containerPort).toBe(config.port);
      for (const [probe, path] of [[app.startupProbe, '/health/live'], [app.livenessProbe, '/health/live'], [app.readinessProbe, '/health/ready']] as const) {
        expect(probe?.httpGet?.path).toBe(path);
        expect(probePort(app, probe)).toBe(config.port);
      }
      expect(app.readinessProbe?.timeoutSeconds).toBeGreaterThan(checkTimeoutS);
    }
    expect(container(worker).ports?.find((port) => port.name === 'sdk-metrics')?.containerPort).toBe(workerConfig.worker.sdkMetricsPort);
  });

  it('routes the Service to the API pods', () => {
    const service = find<IService>(manifests, 'Service', 'disputes-api');
    expect(api.spec?.template.metadata?.labels).toMatchObject(service.spec?.selector ?? { missing: true });
    const targets = service.spec?.ports?.map((port) => port.targetPort);
    expect(targets).toEqual(['http']);
  });

  it('lets shutdown finish inside the grace period, the API only after it is out of the endpoints', () => {
    const apiPod = api.spec!.template.spec!;
    const preStop = container(api).lifecycle?.preStop?.exec?.command ?? [];
    expect(preStop[0]).toBe('sleep');
    const sleep = Number(preStop[1]);
    expect(sleep).toBeGreaterThanOrEqual(3);
    expect(apiPod.terminationGracePeriodSeconds).toBeGreaterThan(sleep + apiConfig.shutdownGraceMs / 1000 + FORCED_EXIT_AFTER_GRACE_S);
    // The worker pulls its work; no preStop delay, but the same drain.
    expect(container(worker).lifecycle?.preStop).toBeUndefined();
    expect(worker.spec!.template.spec!.terminationGracePeriodSeconds).toBeGreaterThan(workerConfig.shutdownGraceMs / 1000 + FORCED_EXIT_AFTER_GRACE_S);
    // The SDK's drain of in-flight tasks (apps/worker/src/create-worker.ts) fits inside it too.
    const sdkGrace = /shutdownGraceTime: '(\d+) seconds'/.exec(readFileSync(join(ROOT, 'apps', 'worker', 'src', 'create-worker.ts'), 'utf8'))?.[1];
    expect(Number(sdkGrace)).toBeLessThanOrEqual(workerConfig.shutdownGraceMs / 1000);
  });

  it('sizes memory from the measured RSS, with a heap and a workflow cache that fit the limit', () => {
    for (const manifest of [api, worker, migrate]) {
      const resources = container(manifest).resources;
      expect(resources?.requests?.cpu).toBeDefined();
      expect(mebibytes(resources?.requests?.memory)).toBeLessThanOrEqual(mebibytes(resources?.limits?.memory));
    }
    const heapOf = (env: Record<string, string>) => {
      expect(env.NODE_OPTIONS).toMatch(/--max-old-space-size=\d+/);
      return heapCeilingMiB(env.NODE_OPTIONS);
    };

    const workerResources = container(worker).resources;
    const { maxCachedWorkflows, maxConcurrentWorkflowTasks } = workerConfig.worker;
    // The SDK lowers the workflow task slots to the cache size otherwise.
    expect(maxCachedWorkflows).toBeGreaterThanOrEqual(maxConcurrentWorkflowTasks);
    const outsideMainHeap = WORKER_PLATEAU_MIB - WORKER_MAIN_HEAP_MIB + (maxCachedWorkflows - MEASURED_CACHE) * MIB_PER_CACHED_WORKFLOW;
    const workerHeap = heapOf(workerEnv.env);
    expect(workerHeap).toBeGreaterThan(2 * WORKER_MAIN_HEAP_MIB);
    // Everything measured, with the main heap at its ceiling, leaves 10 % of the limit for what was not.
    expect(outsideMainHeap + workerHeap).toBeLessThanOrEqual(0.9 * mebibytes(workerResources?.limits?.memory));
    expect(mebibytes(workerResources?.requests?.memory)).toBeGreaterThanOrEqual(WORKER_PLATEAU_MIB + (maxCachedWorkflows - MEASURED_CACHE) * MIB_PER_CACHED_WORKFLOW);

    const apiResources = container(api).resources;
    // A quarter of the limit stays for memory outside the V8 heap under load: upload buffers, sockets.
    expect(API_OUTSIDE_HEAP_MIB + heapOf(apiEnv.env)).toBeLessThanOrEqual(0.75 * mebibytes(apiResources?.limits?.memory));
    expect(mebibytes(apiResources?.requests?.memory)).toBeGreaterThanOrEqual(API_PEAK_MIB);
  });

  it('scales the API on CPU and the worker on task-queue backlog from the SDK metrics, with disruption budgets for both', () => {
    const hpa = (name: string) => find<IHorizontalPodAutoscaler>(manifests, 'HorizontalPodAutoscaler', name);
    for (const [autoscaler, deployment] of [[hpa('disputes-api'), api], [hpa('disputes-worker'), worker]] as const) {
      expect(autoscaler.spec?.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
      expect(autoscaler.spec?.minReplicas).toBeGreaterThanOrEqual(2);
      // The HPA owns the replica count; a fixed one would reset it on every apply.
      expect(deployment.spec?.replicas).toBeUndefined();
      const budget = find<IPodDisruptionBudget>(manifests, 'PodDisruptionBudget', deployment.metadata.name);
      expect(budget.spec?.maxUnavailable).toBe(1);
      expect(deployment.spec?.template.metadata?.labels).toMatchObject(budget.spec?.selector?.matchLabels ?? { missing: true });
      expect(deployment.spec?.selector.matchLabels).toEqual(budget.spec?.selector?.matchLabels);
    }
    expect(hpa('disputes-api').spec?.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: expect.any(Number) } } }]);

    const workerMetrics = hpa('disputes-worker').spec?.metrics ?? [];
    expect(workerMetrics.length).toBeGreaterThan(0);
    expect(workerMetrics.every((metric) => metric.type === 'Pods')).toBe(true);
    // Each metric the worker's HPA asks for is one a prometheus-adapter rule serves, from the SDK's own series.
    const adapter = find<IConfigMap>(all, 'ConfigMap', 'prometheus-adapter');
    const rules = (parse(adapter.data?.['config.yaml'] ?? '') as { rules: { seriesQuery: string; name: { matches: string; as: string }; metricsQuery: string }[] }).rules;
    const served = new Map(
      rules.map((rule) => {
        const series = /^(\w+)\{/.exec(rule.seriesQuery)?.[1] ?? '';
        return [series.replace(new RegExp(rule.name.matches), rule.name.as.replace(/\$\{(\d)\}/g, '$$$1')), rule] as const;
      }),
    );
    for (const metric of workerMetrics) {
      const rule = served.get(metric.pods?.metric.name ?? '');
      expect({ metric: metric.pods?.metric.name, served: rule !== undefined }).toEqual({ metric: metric.pods?.metric.name, served: true });
      const used = [...`${rule?.seriesQuery} ${rule?.metricsQuery}`.matchAll(/\b(temporal_\w+?)(?:_sum|_count|_bucket)?\{/g)].map((match) => match[1]);
      expect(used.length).toBeGreaterThan(0);
      for (const series of used) expect(SDK_METRICS).toContain(series);
    }
    expect(workerMetrics.map((metric) => metric.pods?.metric.name).join(' ')).toMatch(/schedule_to_start/);
  });
});
