import { SignJWT } from 'jose';
import { DEV_JWT_SECRET } from '../../libs/platform/src';
import { startApi, tokenFor, type RunningApi } from '../support/api';
import { launchBrowser, screenshots, seriousViolations, type ConsoleBrowser } from './support/browser';
import { startConsoleStack, type ConsoleStack } from './support/console-stack';
import { openWithToken, signInAs } from './support/sign-in';

describe('signing in to the console', () => {
  let stack: ConsoleStack;
  let chromium: ConsoleBrowser;

  beforeAll(async () => {
    stack = await startConsoleStack('sign-in');
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await stack?.stop();
  });

  it('lists the demo accounts in development, signs in by keyboard and lands on the role\u2019s first page', async () => {
    const { page, errors } = await chromium.person();
    await page.goto(`${stack.url}/console/`);
    await page.getByRole('heading', { name: 'Demo accounts' }).waitFor();
    expect(await page.getByRole('button', { name: /^mediator-maria\b/ }).textContent()).toContain('Mediator');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'sign-in');

    await signInAs(page, stack.url, 'mediator-maria');
    await page.waitForURL(`${stack.url}/console/mediator/queue`);
    expect(await page.title()).toBe('Mediation queue \u00b7 Disputes console');

    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('You signed out.');
    expect(errors).toEqual([]);
  });

  it('gives an auditor no action: the parties\u2019 and the mediator\u2019s pages are not theirs, and their own pages hold no dispute action', async () => {
    const { page, errors } = await chromium.person();
    const auditor = await tokenFor('AUDITOR', 'auditor-ada');
    for (const path of ['/disputes/any-dispute', '/mediator/cases/any-dispute', '/orders', '/seller/disputes']) {
      await openWithToken(page, stack.url, path, auditor);
      await page.getByRole('heading', { name: 'Nothing here for auditor accounts' }).waitFor();
      expect(await page.getByRole('button').allTextContents()).toEqual(['Sign out']);
    }
    await openWithToken(page, stack.url, '/auditor/cases', auditor);
    await page.getByRole('heading', { name: 'Find a case' }).waitFor();
    const actions = /claim|decide|message|offer|accept|reject|withdraw|escalate|appeal|concede|release/i;
    expect((await page.getByRole('button').allTextContents()).filter((name) => actions.test(name))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('takes a token handed over in the URL fragment and removes it from the address bar', async () => {
    const { page, errors } = await chromium.person();
    await openWithToken(page, stack.url, '/auditor/cases', await tokenFor('AUDITOR', 'auditor-ada'));
    await page.getByRole('heading', { name: 'Find a case' }).waitFor();
    expect(page.url()).toBe(`${stack.url}/console/auditor/cases`);
    expect(errors).toEqual([]);
  });

  it('sends a person with an expired or forged token back to sign-in with a sentence', async () => {
    const expired = await new SignJWT({ role: 'MEDIATOR' }).setProtectedHeader({ alg: 'HS256' }).setSubject('mediator-maria').setIssuedAt(1_700_000_000).setExpirationTime(1_700_000_060).sign(new TextEncoder().encode(DEV_JWT_SECRET));
    const forged = await new SignJWT({ role: 'MEDIATOR' }).setProtectedHeader({ alg: 'HS256' }).setSubject('mediator-maria').setExpirationTime('1h').sign(new TextEncoder().encode('not-the-service-secret-0123456789abcdef'));

    const first = await chromium.person();
    await openWithToken(first.page, stack.url, '/mediator/queue', expired);
    expect(await first.page.getByRole('alert').textContent()).toBe('Your session has expired. Sign in again.');
    await first.page.getByRole('heading', { name: 'Sign in to the disputes console' }).waitFor();

    const second = await chromium.person();
    await openWithToken(second.page, stack.url, '/mediator/queue', forged);
    const sentence = await second.page.getByRole('alert').textContent();
    expect(sentence).toMatch(/token/i);
    await second.page.getByRole('heading', { name: 'Sign in to the disputes console' }).waitFor();
    // The refusal is the API's (401 on /graphql), which the browser itself reports as a failed resource.
    expect([...first.errors, ...second.errors].filter((error) => !/status of 401/.test(error))).toEqual([]);
  });

  it('serves the console with a strict Content-Security-Policy, and a deep link reloads to its page', async () => {
    const response = await fetch(`${stack.url}/console/mediator/cases/anything`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(await response.text()).toContain('<div id="root">');
    const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(await (await fetch(`${stack.url}/console/`)).text())?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${stack.url}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
  });
});

describe('the demo sign-in in production', () => {
  let stack: ConsoleStack;
  let production: RunningApi;

  beforeAll(async () => {
    stack = await startConsoleStack('production');
    production = await startApi(stack.dataSource, stack.temporal, 'unused-production', { env: { NODE_ENV: 'production', AUTH_JWT_SECRET: DEV_JWT_SECRET } });
  });
  afterAll(async () => {
    await production?.stop();
    await stack?.stop();
  });

  it('does not exist: both endpoints answer 404, while development mints tokens for demo accounts only', async () => {
    expect((await fetch(`${production.url}/dev/accounts`)).status).toBe(404);
    const minted = await fetch(`${production.url}/dev/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'MEDIATOR', id: 'mediator-maria' }) });
    expect(minted.status).toBe(404);

    const development = await fetch(`${stack.url}/dev/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'MEDIATOR', id: 'mediator-maria' }) });
    expect(development.status).toBe(200);
    expect(((await development.json()) as { token: string }).token.split('.')).toHaveLength(3);
    const stranger = await fetch(`${stack.url}/dev/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'ADMIN', id: 'someone-else' }) });
    expect(stranger.status).toBe(400);
  });
});
