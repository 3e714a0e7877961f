import type { Page } from 'playwright-core';
import { tokenFor } from '../support/api';
import { mutate, ok, until } from '../e2e/support/disputes';
import { disputeIn } from '../e2e/support/states';
import { launchBrowser, screenshots, seriousViolations, type ConsoleBrowser } from './support/browser';
import { startConsoleStack, type ConsoleStack } from './support/console-stack';
import { signInAs } from './support/sign-in';
import { editorText, replaceEditorText, responseText, runOperation, scrollToStart } from './support/graphiql';

describe('the offline API explorer at /graphql (development)', () => {
  let stack: ConsoleStack;
  let chromium: ConsoleBrowser;

  beforeAll(async () => {
    stack = await startConsoleStack('graphql-explorer');
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await stack?.stop();
  });

  /**
   * The axe scan's serious and critical violations, less one that GraphiQL's own markup causes
   * and the page cannot change: each query tab is an `<li role="tab">` holding its close button
   * (nested-interactive). Only that rule, and only on GraphiQL's tab elements, is set aside.
   */
  const graphiqlViolations = async (page: Page) => {
    const violations = await seriousViolations(page);
    const kept = [];
    for (const violation of violations) {
      const onGraphiqlTabs = violation.id === 'nested-interactive' && (await Promise.all(violation.nodes.map((node) => page.locator((JSON.parse(node) as string[]).join(' ')).evaluate((element) => element.matches('li.graphiql-tab[role="tab"]'))))).every(Boolean);
      if (!onGraphiqlTabs) kept.push(violation);
    }
    return kept;
  };

  /** Every URL the page asks for (documents, scripts, styles, fonts, workers, fetches, sockets). */
  const recordRequests = (page: Page): string[] => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('websocket', (socket) => requested.push(socket.url()));
    return requested;
  };
  const offOrigin = (requested: string[]) => requested.filter((url) => new URL(url).host !== new URL(stack.url).host || new URL(url).hostname !== '127.0.0.1');

  it('runs a query with a bearer token typed into the headers editor, every request to this service', async () => {
    const { page, errors } = await chromium.person();
    const requested = recordRequests(page);
    const response = await page.goto(`${stack.url}/graphql`);
    expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self'; worker-src 'self'/);
    await page.getByRole('heading', { name: 'Disputes API explorer' }).waitFor();
    // The headers editor starts with the template the note explains. Monaco fills it a moment
    // after the page's heading shows (CI once read it empty under load), so it is waited for.
    expect(await until(() => editorText(page, 'headers'), (text) => text.includes('Bearer'))).toContain('"Authorization": "Bearer paste a token here"');

    const token = await tokenFor('MEDIATOR', 'mediator-maria');
    await replaceEditorText(page, 'headers', JSON.stringify({ Authorization: `Bearer ${token}` }));
    await replaceEditorText(page, 'query', 'query Me { viewer { id role } }');
    await runOperation(page, 'Me');
    const answer = await until(() => responseText(page), (text) => text.includes('viewer'));
    expect(answer).toMatch(/"id":\s*"mediator-maria"/);
    expect(answer).toMatch(/"role":\s*"MEDIATOR"/);

    expect(await graphiqlViolations(page)).toEqual([]);
    // GraphiQL's prettify button formats the headers too, so the screenshot shows the header's name, not the token's tail.
    await page.getByRole('button', { name: /^Prettify query/ }).click();
    await until(() => editorText(page, 'headers'), (text) => text.includes('\n'));
    await scrollToStart(page, 'headers');
    await screenshots(page, 'graphql-explorer');
    expect(requested.length).toBeGreaterThan(5);
    expect(offOrigin(requested)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('takes a token from the URL fragment, then shows a subscription\u2019s pushed event after a change made through the API', async () => {
    const dispute = await disputeIn(stack.url, await tokenFor('SYSTEM', 'order-feed'), 'open');
    const { page, errors } = await chromium.person();
    const requested = recordRequests(page);
    await page.goto(`${stack.url}/graphql#token=${encodeURIComponent(dispute.tokens.buyer)}`);
    await page.getByRole('heading', { name: 'Disputes API explorer' }).waitFor();
    // The fragment is taken into the headers editor and removed from the address bar.
    expect(page.url()).toBe(`${stack.url}/graphql`);
    expect(await until(() => editorText(page, 'headers'), (text) => text.includes('Bearer'))).toContain(`"Authorization": "Bearer ${dispute.tokens.buyer.slice(0, 20)}`);

    await replaceEditorText(page, 'query', `subscription Watch { disputeUpdated(id: "${dispute.id}") { id status messageCount } }`);
    const sent: string[] = [];
    page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))));
    await runOperation(page, 'Watch');
    // Live once the page has sent graphql-ws's subscribe message (after connection_init with the token).
    await until(async () => sent, (frames) => frames.some((frame) => frame.includes('"type":"subscribe"') && frame.includes(dispute.id)));
    expect(sent.find((frame) => frame.includes('"type":"connection_init"'))).toContain(`Bearer ${dispute.tokens.buyer}`);
    expect(requested.some((url) => url === `${stack.url.replace(/^http/, 'ws')}/graphql`)).toBe(true);
    // The API's subscriber starts listening right after the subscribe message; a moment for it
    // before the change, which is then pushed to the page.
    await page.waitForTimeout(300);
    await ok(mutate(stack.url, dispute.tokens.seller, 'postMessage', { disputeId: dispute.id, body: 'We are looking into it.' }));
    const pushed = await until(() => responseText(page), (text) => /"messageCount":\s*1/.test(text));
    expect(pushed).toContain(`"id": "${dispute.id}"`);

    expect(offOrigin(requested)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('explores as the person signed in to the console in the same tab', async () => {
    const { page, errors } = await chromium.person();
    await signInAs(page, stack.url, 'auditor-ada');
    await page.goto(`${stack.url}/graphql`);
    await page.getByRole('heading', { name: 'Disputes API explorer' }).waitFor();
    expect(await until(() => editorText(page, 'headers'), (text) => text.includes('Bearer ey'))).toContain('"Authorization": "Bearer ey');
    await replaceEditorText(page, 'query', 'query Me { viewer { id role } }');
    await runOperation(page, 'Me');
    expect(await until(() => responseText(page), (text) => text.includes('viewer'))).toMatch(/"id":\s*"auditor-ada"/);
    expect(errors).toEqual([]);
  });

  it('is served only to browsers asking for a page: JSON clients still reach the API at GET /graphql', async () => {
    const json = await fetch(`${stack.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(await json.json()).toEqual({ data: { __typename: 'Query' } });
    // A client that takes anything (curl's */*) is a client, not a person: Apollo answers it.
    const anything = await fetch(`${stack.url}/graphql`, { headers: { accept: '*/*' } });
    expect(anything.headers.get('content-type')).toMatch(/application\/json/);
    expect(await anything.text()).not.toMatch(/<html/i);
    const page = await fetch(`${stack.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<div id="explorer">');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).not.toMatch(/https?:|unsafe-eval|\*/);
    expect(csp).toContain("frame-ancestors 'none'");
    // The page is a file of the console's build but never served from /console.
    const stray = await fetch(`${stack.url}/console/graphiql.html`);
    expect(stray.status).toBe(404);
    expect(await stray.text()).not.toContain('/console/assets/graphiql-');
  });
});
