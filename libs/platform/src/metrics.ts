import { getHeapStatistics } from 'node:v8';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; exposed at GET /metrics in Prometheus text format. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  // prom-client reports the heap in use but not its ceiling; with it, a dashboard shows how close
  // the heap runs to the limit NODE_OPTIONS set, and a test can see the limit reached the process.
  new Gauge({
    name: 'nodejs_heap_size_limit_bytes',
    help: 'V8 heap size limit of the main thread (heap_size_limit: old space plus young generation), as --max-old-space-size set it.',
    registers: [registry],
  }).set(getHeapStatistics().heap_size_limit);
  return registry;
}

export function requestMetrics(registry: Registry) {
  return {
    latency: new Histogram({
      name: 'dispute_request_duration_seconds',
      help: 'Latency of API operations by operation name and outcome (ok or an error code).',
      labelNames: ['operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    outcomes: new Counter({
      name: 'dispute_requests_total',
      help: 'API operations by operation name and outcome (ok or an error code).',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    }),
  };
}
