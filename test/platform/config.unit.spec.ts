import { ConfigurationError, DEFAULT_DATABASE_URL, DEFAULT_WORKER_MAX_CACHED_WORKFLOWS, loadConfig } from '../../libs/platform/src';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('runs on embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ url: DEFAULT_DATABASE_URL, explicit: false, poolSize: 10 });
    expect(config.temporal).toEqual({ address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'disputes' });
    expect(config.api.port).toBe(3000);
    expect(config.api.introspection).toBe(true);
    expect(config.auth.jwtSecret).toBeDefined();
  });

  it('caps the worker cache at a fixed size unless WORKER_MAX_CACHED_WORKFLOWS says otherwise', () => {
    // A fixed cap keeps worker memory independent of the number of open disputes (docs/performance.md).
    expect(loadConfig({}).worker.maxCachedWorkflows).toBe(DEFAULT_WORKER_MAX_CACHED_WORKFLOWS);
    expect(DEFAULT_WORKER_MAX_CACHED_WORKFLOWS).toBeGreaterThanOrEqual(loadConfig({}).worker.maxConcurrentWorkflowTasks);
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '1000' }).worker.maxCachedWorkflows).toBe(1000);
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '0' }).worker.maxCachedWorkflows).toBe(0);
    expect(problemsOf({ WORKER_MAX_CACHED_WORKFLOWS: 'lots' })[0]).toMatch(/WORKER_MAX_CACHED_WORKFLOWS must be an integer/);
  });

  it.each([
    ['API_PORT', 'eighty', /API_PORT must be an integer between 0 and 65535, got "eighty"/],
    ['API_PORT', '70000', /API_PORT must be an integer/],
    ['DATABASE_URL', 'mysql://localhost/x', /DATABASE_URL must be a postgres: or postgresql: URL/],
    ['TEMPORAL_ADDRESS', 'localhost', /TEMPORAL_ADDRESS must look like host:port/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    ['GRAPHQL_INTROSPECTION', 'maybe', /GRAPHQL_INTROSPECTION must be true or false/],
    ['AUTH_JWT_SECRET', 'short', /AUTH_JWT_SECRET must be at least 32 characters/],
    ['NODE_ENV', 'staging', /NODE_ENV must be one of development, test, production/],
  ])('names %s when its value %p is bad', (name, value, message) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ API_PORT: 'x', WORKER_PORT: 'y' })).toHaveLength(2);
  });

  it('hides the password of a bad database URL', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://app:s3cret@db/x' })[0]).not.toContain('s3cret');
  });

  it('in production, requires a way to verify tokens and turns introspection and the landing page off', () => {
    expect(problemsOf({ NODE_ENV: 'production' })[0]).toMatch(/AUTH_JWKS_URL/);
    const config = loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://id.example.com/.well-known/jwks.json' });
    expect(config.api.introspection).toBe(false);
    expect(config.api.landingPage).toBe(false);
    expect(config.auth.jwtSecret).toBeUndefined();
  });
});
