import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { DataSource } from 'typeorm';
import { graphql, startApi, tokenFor, type RunningApi } from '../support/api';
import { openTestDataSource } from '../support/database';
import { uniqueTaskQueue } from '../support/environment';
import { connectClient } from '../support/temporal';

const VIEWER = `{ viewer { id role } }`;

describe('API security: limits, production mode and JWKS (real API)', () => {
  const taskQueue = uniqueTaskQueue('e2e-security');
  let dataSource: DataSource;
  let temporal: Client;
  const apis: RunningApi[] = [];
  const started = async (options: Parameters<typeof startApi>[3]) => {
    const api = await startApi(dataSource, temporal, taskQueue, options);
    apis.push(api);
    return api;
  };

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    temporal = await connectClient();
  });
  afterAll(async () => {
    for (const api of apis) await api.stop();
    await temporal?.connection.close();
    await dataSource?.destroy();
  });

  describe('query limits', () => {
    let api: RunningApi;
    let auditor: string;
    beforeAll(async () => {
      api = await started({ settings: { maxQueryDepth: 5 } });
      auditor = await tokenFor('AUDITOR', 'auditor-ada');
    });

    it('refuses a query nested deeper than the limit before running it', async () => {
      const deep = await graphql(api.url, `{ disputes(first: 1) { edges { node { messages(first: 1) { edges { node { body } } } } } } }`, {}, auditor);
      expect(deep.data ?? null).toBeNull();
      expect(deep.errors![0].extensions.code).toBe('VALIDATION');
      expect(deep.errors![0].message).toMatch(/nests 7 levels deep; the limit is 5/);
    });

    it('refuses a query that could read too many items', async () => {
      const expensive = await graphql(api.url, `query($n: Int!) { disputes(first: $n) { edges { node { id } } } }`, { n: 100 }, auditor);
      expect(expensive.errors).toBeUndefined();
      const wide = await graphql(api.url, `{ a: disputes(first: 100) { edges { node { id status reason version headHash offers { kind } evidence { sha256 } } } } b: disputes(first: 100) { edges { node { id status reason version headHash offers { kind } evidence { sha256 } } } } }`, {}, auditor);
      expect(wide.errors![0].extensions.code).toBe('VALIDATION');
      expect(wide.errors![0].message).toMatch(/could read about \d+ items; the limit is 2000/);
    });

    it('still answers introspection (tools need it) when it is enabled', async () => {
      const schema = await graphql<{ __schema: { queryType: { name: string } } }>(api.url, `{ __schema { queryType { name } types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }`);
      expect(schema.data!.__schema.queryType.name).toBe('Query');
    });

    it('refuses request bodies above 256 kB', async () => {
      const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ viewer { id } }`, padding: 'x'.repeat(300 * 1024) }) });
      expect(response.status).toBe(413);
    });
  });

  it('rate-limits each account separately with RATE_LIMITED and HTTP 429', async () => {
    const api = await started({ settings: { rateLimitPerMinute: 3 } });
    const busy = await tokenFor('BUYER', 'busy-buyer');
    for (let i = 0; i < 3; i += 1) expect((await graphql(api.url, VIEWER, {}, busy)).errors).toBeUndefined();

    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${busy}` }, body: JSON.stringify({ query: VIEWER }) });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');

    expect((await graphql(api.url, VIEWER, {}, await tokenFor('BUYER', 'calm-buyer'))).errors).toBeUndefined();
  });

  describe('in production', () => {
    let api: RunningApi;
    beforeAll(async () => {
      api = await started({ env: { NODE_ENV: 'production', AUTH_JWT_SECRET: 'a-production-secret-of-at-least-32-characters' } });
    });

    it('turns introspection off', async () => {
      const response = await graphql(api.url, `{ __schema { queryType { name } } }`);
      expect(response.errors![0].extensions.code).toBe('VALIDATION');
      expect(response.errors![0].message).toMatch(/introspection/i);
    });

    it('serves no landing page and no API explorer: a browser’s GET /graphql gets a GraphQL refusal', async () => {
      const response = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(response.headers.get('content-security-policy')).toBeNull();
      // Apollo's own refusal of a browser's simple GET (its CSRF guard), with a code and a sentence.
      const text = await response.text();
      expect(text).not.toMatch(/graphiql|<html/i);
      expect(JSON.parse(text)).toEqual({ errors: [{ message: expect.stringMatching(/\w+ \w+/), extensions: { code: 'VALIDATION' } }] });
      // Its page is in the image (the console's build) but not reachable under /console either.
      expect((await fetch(`${api.url}/console/graphiql.html`)).status).toBe(404);
    });

    it('refuses tokens signed with the development secret', async () => {
      const response = await graphql(api.url, VIEWER, {}, await tokenFor('BUYER', 'b'));
      expect(response.errors![0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    });
  });

  describe('JWKS (an identity provider\u2019s published keys)', () => {
    let jwks: Server;
    let api: RunningApi;
    let sign: (claims: { role: string }, subject: string, options?: { issuer?: string }) => Promise<string>;
    let signWithStrangerKey: () => Promise<string>;

    beforeAll(async () => {
      const { publicKey, privateKey } = await generateKeyPair('RS256');
      const stranger = await generateKeyPair('RS256');
      const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
      jwks = createServer((_request, response) => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
      sign = (claims, subject, options = {}) =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
          .setSubject(subject)
          .setIssuer(options.issuer ?? 'https://id.example.test')
          .setAudience('disputes-api')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(privateKey);
      signWithStrangerKey = () => new SignJWT({ role: 'AUDITOR' }).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).setSubject('mallory').setIssuer('https://id.example.test').setAudience('disputes-api').setExpirationTime('5m').sign(stranger.privateKey);
      api = await started({ env: { AUTH_JWKS_URL: url, AUTH_ISSUER: 'https://id.example.test', AUTH_AUDIENCE: 'disputes-api' } });
    });
    afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())));

    it('accepts a token signed with a published key', async () => {
      const response = await graphql(api.url, VIEWER, {}, await sign({ role: 'MEDIATOR' }, 'mediator-maria'));
      expect(response).toEqual({ data: { viewer: { id: 'mediator-maria', role: 'MEDIATOR' } } });
    });

    it.each([
      ['a key the provider never published', () => signWithStrangerKey()],
      ['another issuer', () => sign({ role: 'BUYER' }, 'b', { issuer: 'https://evil.example.test' })],
      ['an unknown role', () => sign({ role: 'ROOT' }, 'root')],
      ['the development HS256 secret', () => tokenFor('AUDITOR', 'a')],
    ])('refuses a token with %s as UNAUTHENTICATED', async (_name, token) => {
      const response = await graphql(api.url, VIEWER, {}, await token());
      expect(response.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });
});
