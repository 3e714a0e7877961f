import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../../support/database';
import { Service, type ServiceKind } from './services';

export interface FaultHarness {
  /** The test's own direct connection to the test database (for orders and verification). */
  readonly dataSource: DataSource;
  /** Starts a service process that is stopped when the suite ends. */
  start(kind: ServiceKind, name: string, env: Record<string, string>): Promise<Service>;
}

/** Every fault suite's setup: a database connection, and its service processes stopped at the end. */
export function faultHarness(): FaultHarness {
  let dataSource: DataSource | undefined;
  const services: Service[] = [];
  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await dataSource?.destroy();
  });
  return {
    get dataSource() {
      if (!dataSource) throw new Error('the fault harness is used before its beforeAll ran');
      return dataSource;
    },
    async start(kind, name, env) {
      const service = await Service.start(kind, name, env);
      services.push(service);
      return service;
    },
  };
}
