import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; exposed at GET /metrics in Prometheus text format. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
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
