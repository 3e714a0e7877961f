import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { graphql, tokenFor } from '../support/api';
import { mutate, ok, openInput, readDispute, registerOrder } from '../e2e/support/disputes';
import { disputeIn, type StagedDispute } from '../e2e/support/states';
import { LAPTOP, PHONE, launchBrowser, screenshots, seriousViolations, type ConsoleBrowser } from './support/browser';
import { startConsoleStack, type ConsoleStack } from './support/console-stack';
import { signInAs } from './support/sign-in';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/** Changes one stored event the way only a superuser can (as test/audit does): the append-only triggers off for one transaction. */
async function asSuperuser(dataSource: DataSource, sql: string, parameters: unknown[]): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query('ALTER TABLE dispute_events DISABLE TRIGGER USER');
    await manager.query(sql, parameters);
    await manager.query('ALTER TABLE dispute_events ENABLE TRIGGER USER');
  });
}

/** Types into a labelled field by keyboard and submits with Enter. */
async function search(page: Page, label: string, value: string): Promise<void> {
  await page.getByRole('button', { name: 'Clear' }).click();
  // The form follows the address: wait until clearing has reached it before typing.
  await page.waitForURL(/\/console\/auditor\/cases$/);
  await page.waitForFunction(`[...document.querySelectorAll('form[aria-labelledby="search-heading"] input')].every((input) => input.value === '')`);
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel(label, { exact: true }).press('Enter');
}

/** A person on a phone never scrolls the page sideways (wide tables scroll inside their box); names what sticks out. */
async function fitsPhone(page: Page): Promise<void> {
  await page.setViewportSize(PHONE);
  const wider = await page.evaluate(`[...document.querySelectorAll('body *')].filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !element.closest('.table-scroll')).map((element) => element.tagName + '.' + element.className).slice(0, 5)`);
  expect({ scrollWidth: await page.evaluate('document.documentElement.scrollWidth'), wider }).toEqual({ scrollWidth: PHONE.width, wider: [] });
  await page.setViewportSize(LAPTOP);
}

/** Waits until the results say exactly this ("1 case" is also in "11 cases"). */
const counted = (page: Page, text: string) => page.locator('.audit-count', { hasText: new RegExp(`^${text}$`) }).waitFor();

/** Waits until the as-of view describes this moment. */
const moment = (page: Page, text: string) => page.locator('.audit-moment', { hasText: text }).waitFor();
const statusShown = (page: Page) => page.getByTestId('as-of-status').textContent();

describe('the auditor\u2019s case history in the console', () => {
  let stack: ConsoleStack;
  let chromium: ConsoleBrowser;
  let work: string;
  let dispute: StagedDispute;
  let events: number;

  beforeAll(async () => {
    stack = await startConsoleStack('auditor');
    chromium = await launchBrowser();
    work = await mkdtemp(join(tmpdir(), 'auditor-browser-'));
    // Opened (with the buyer's offer), answered with a counter-offer, a message, escalated and claimed: seven events over four statuses.
    dispute = await disputeIn(stack.url, await tokenFor('SYSTEM', 'order-feed'), 'negotiating');
    await ok(mutate(stack.url, dispute.tokens.buyer, 'postMessage', { disputeId: dispute.id, body: 'Can you do 15 euros?', idempotencyKey: `m-${dispute.id}` }));
    await ok(mutate(stack.url, dispute.tokens.buyer, 'escalateDispute', { disputeId: dispute.id, note: 'We cannot agree.' }));
    events = (await ok(mutate(stack.url, dispute.tokens.maria, 'claimCase', { disputeId: dispute.id }))).version;
    // Ten more cases on the same seller's orders: eleven, two pages of ten.
    const system = await tokenFor('SYSTEM', 'order-feed');
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const order = await registerOrder(stack.url, system, { sellerId: dispute.order.sellerId });
        await ok(mutate(stack.url, await tokenFor('BUYER', order.buyerId), 'openDispute', openInput(order)));
      }),
    );
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
    await chromium?.close();
    await stack?.stop();
  });

  it('finds a case by order and by buyer, verifies its history, replays it by keyboard and downloads an export that verifies offline', async () => {
    const { page, errors } = await chromium.person();
    await signInAs(page, stack.url, 'auditor-ada');
    await page.waitForURL(`${stack.url}/console/auditor/cases`);
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // An unknown id is answered next to the field, in the API's words.
    await page.getByLabel('Dispute id').fill('00000000-0000-4000-8000-000000000000');
    await page.getByLabel('Dispute id').press('Enter');
    expect(await page.locator('#case-id-error').textContent()).toContain('No dispute 00000000-0000-4000-8000-000000000000 exists');
    await page.getByLabel('Dispute id').fill('');
    expect(await page.locator('#case-id-error').count()).toBe(0);

    await search(page, 'Order id', dispute.order.orderId);
    await page.waitForURL(/order=/);
    const result = page.getByRole('link', { name: dispute.id });
    await result.waitFor();
    await counted(page, '1 case · page 1 of 1');
    expect(await page.locator('tbody tr').first().textContent()).toContain('UNDER_MEDIATION');
    await fitsPhone(page);
    await screenshots(page, 'auditor-find');

    // Opening days are whole UTC days, both ends included; a range ending before it starts is refused on the page.
    const openedAt = ((await graphql<{ dispute: { openedAt: string } }>(stack.url, 'query O($id: ID!) { dispute(id: $id) { openedAt } }', { id: dispute.id }, await tokenFor('AUDITOR', 'auditor-ada'))).data!.dispute.openedAt);
    const day = openedAt.slice(0, 10);
    const dayBefore = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Opened from').fill(day);
    await page.getByLabel('Opened to').fill(day);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(new RegExp(`from=${day}&to=${day}`));
    await counted(page, '1 case · page 1 of 1');
    await page.getByLabel('Opened to').fill(dayBefore);
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await page.locator('#search-error').textContent()).toContain('The last opening day is before the first');
    expect(page.url()).toContain(`to=${day}`);
    await page.getByLabel('Opened from').fill(dayBefore);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No case matches this search.').waitFor();

    await search(page, 'Buyer id', dispute.order.buyerId);
    await page.waitForURL(new RegExp(`buyer=${dispute.order.buyerId}`));
    await result.waitFor();
    await counted(page, '1 case · page 1 of 1');
    // A status it does not have finds nothing, and says so.
    await page.getByLabel('Status', { exact: true }).selectOption('CLOSED');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No case matches this search.').waitFor();
    await page.goBack();
    await result.focus();
    await page.keyboard.press('Enter');

    // By seller, ten a page: two pages, walked forward and back; the search stays in the address.
    await page.waitForURL(`${stack.url}/console/auditor/cases/${dispute.id}`);
    await page.goBack();
    await search(page, 'Seller id', dispute.order.sellerId);
    await page.getByLabel('Cases per page').selectOption('10');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/size=10/);
    await counted(page, '11 cases · page 1 of 2');
    expect(await page.locator('tbody tr').count()).toBe(10);
    await page.getByRole('link', { name: 'Next page' }).click();
    await counted(page, '11 cases · page 2 of 2');
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Previous page' }).click();
    await counted(page, '11 cases · page 1 of 2');
    await page.reload();
    await counted(page, '11 cases · page 1 of 2');
    expect(await page.getByLabel('Seller id').inputValue()).toBe(dispute.order.sellerId);

    await search(page, 'Order id', dispute.order.orderId);
    await result.focus();
    await page.keyboard.press('Enter');

    await page.waitForURL(`${stack.url}/console/auditor/cases/${dispute.id}`);
    await page.locator('tr[data-sequence]').nth(events - 1).waitFor();
    expect(await page.locator('tr[data-sequence]').count()).toBe(events);
    const first = await page.locator('tr[data-sequence="1"]').textContent();
    expect(first).toContain('DisputeOpened');
    expect(first).toContain(`BUYER ${dispute.order.buyerId}`);
    const head = (await readDispute(stack.url, await tokenFor('AUDITOR', 'auditor-ada'), dispute.id)).data!.dispute.headHash;
    // Shortened on screen, whole for screen readers and copying.
    expect(await page.locator(`tr[data-sequence="${events}"] td`).nth(3).textContent()).toContain(head);
    expect(await page.locator(`tr[data-sequence="${events}"] td .audit-hash-short`).first().textContent()).toBe(`${head.slice(0, 8)}…${head.slice(-6)}`);
    expect(await seriousViolations(page)).toEqual([]);

    // One event in full, in a dialog opened and closed by keyboard; focus goes back to its row.
    const details = page.getByRole('button', { name: `Event ${events}, details` });
    await details.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Event ${events}: MediatorAssigned` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(head);
    expect(await dialog.textContent()).toContain('mediator-maria');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(`document.activeElement.getAttribute('aria-label')`)).toBe(`Event ${events}, details`);

    await page.getByRole('button', { name: 'Verify history and files' }).click();
    const verdict = page.locator('.audit-result');
    await verdict.waitFor();
    expect(await verdict.getAttribute('class')).toContain('ok-note');
    expect(await verdict.textContent()).toContain('Verified');
    expect(await verdict.textContent()).toContain(`History: all ${events} events re-hash and chain to head`);
    expect(await verdict.textContent()).toContain('1 cited file matches the SHA-256 their events recorded.');
    expect(await page.locator('.audit-broken-row').count()).toBe(0);
    await fitsPhone(page);
    await screenshots(page, 'auditor-history');

    // The as-of slider, by keyboard: from the head back to the opening, then one event on.
    const slider = page.getByRole('slider', { name: 'Replay to event' });
    await moment(page, `After event ${events} (MediatorAssigned)`);
    expect(await statusShown(page)).toBe('UNDER_MEDIATION');
    await slider.focus();
    await page.keyboard.press('Home');
    await moment(page, 'Before the opening: nothing had happened yet.');
    await page.keyboard.press('ArrowRight');
    await moment(page, 'After event 1 (DisputeOpened)');
    expect(await slider.getAttribute('aria-valuetext')).toBe(`after event 1 of ${events}, DisputeOpened`);
    expect(await statusShown(page)).toBe('OPEN');
    // Side by side, as each saw it: the seller could respond then, the mediator could not read it yet.
    expect(await page.getByTestId('as-of-status-BUYER').textContent()).toBe('OPEN');
    expect(await page.locator('.audit-party').nth(1).textContent()).toContain('respond to dispute');
    expect(await page.locator('.audit-party').nth(2).textContent()).toContain('Could not read the dispute at that moment.');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await moment(page, 'After event 3 (SellerResponded)');
    expect(await statusShown(page)).toBe('NEGOTIATING');
    expect(await page.getByLabel('Event number').inputValue()).toBe('3');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'auditor-as-of');
    // The sequence picker, and a moment in time.
    await page.getByLabel('Event number').fill('6');
    await moment(page, 'After event 6 (DisputeEscalated)');
    expect(await statusShown(page)).toBe('UNDER_MEDIATION');
    expect(await page.locator('.audit-party').nth(2).textContent()).toContain('claim case');
    await page.getByLabel('Or a moment (UTC)').fill('2020-01-01T00:00:00');
    await page.getByRole('button', { name: 'Replay to this time' }).click();
    await moment(page, 'Before the opening: nothing had happened yet.');
    expect(await slider.inputValue()).toBe('0');

    // The export: progress, then a file to save, which the project's own offline verifier accepts.
    await page.getByRole('button', { name: 'Prepare the export' }).click();
    const save = page.getByRole('link', { name: new RegExp(`^Save dispute-${dispute.id}-export\\.tar`) });
    await save.waitFor();
    const manifestSha256 = (await page.locator('.audit-export-ready code').first().textContent())!;
    expect(manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    expect(download.suggestedFilename()).toBe(`dispute-${dispute.id}-export.tar`);
    const archive = join(work, download.suggestedFilename());
    await download.saveAs(archive);
    await run('tar', ['-xf', archive, '-C', work]);
    const folder = join(work, `dispute-${dispute.id}-export`);
    const line = JSON.parse((await readFile(join(folder, 'events.ndjson'), 'utf8')).split('\n')[0]!) as { disputeId: string; sequence: number; type: string };
    expect({ disputeId: line.disputeId, sequence: line.sequence, type: line.type }).toEqual({ disputeId: dispute.id, sequence: 1, type: 'DisputeOpened' });
    const verified = await run(process.execPath, [join(ROOT, 'dist/scripts/audit/verify-export.js'), folder, '--manifest-sha256', manifestSha256, '--expect-head', `${dispute.id}=${head}`]);
    expect(verified.stdout.trim()).toBe(`OK: ${events} events of 1 disputes verify.`);
    await screenshots(page, 'auditor-export');
    expect(await page.locator('.audit-export-ready').textContent()).toContain(`npm run audit:verify-export -- dispute-${dispute.id}-export --manifest-sha256 ${manifestSha256}`);
    expect(errors).toEqual([]);
  });

  it('shows a tampered history as broken, in words and colour, with the first broken event highlighted', async () => {
    const tampered = await disputeIn(stack.url, await tokenFor('SYSTEM', 'order-feed'), 'negotiating');
    // Past the table's first page of 50 events: the page loads on to the broken one by itself.
    for (let n = 1; n <= 50; n += 1) await ok(mutate(stack.url, tampered.tokens[n % 2 ? 'buyer' : 'seller'], 'postMessage', { disputeId: tampered.id, body: `Message ${n}`, idempotencyKey: `m-${n}` }));
    const target = 52;
    // One microsecond on one event's time: invisible on screen, but no longer what its hash covers.
    await asSuperuser(stack.dataSource, `UPDATE dispute_events SET occurred_at = occurred_at + interval '1 microsecond' WHERE dispute_id = $1 AND sequence = $2`, [tampered.id, target]);
    try {
      const { page, errors } = await chromium.person();
      await signInAs(page, stack.url, 'auditor-ada');
      await page.getByLabel('Dispute id').fill(tampered.id);
      await page.getByRole('button', { name: 'Open history' }).click();
      await page.waitForURL(`${stack.url}/console/auditor/cases/${tampered.id}`);
      await page.locator('tr[data-sequence="1"]').waitFor();
      expect(await page.locator('tr[data-sequence]').count()).toBe(50);
      expect(await page.getByRole('button', { name: 'Show more events' }).count()).toBe(1);

      await page.getByRole('button', { name: 'Verify history and files' }).click();
      const verdict = page.locator('.audit-result');
      await verdict.waitFor();
      expect(await verdict.getAttribute('class')).toContain('error-note');
      expect(await verdict.textContent()).toContain('Broken');
      expect(await verdict.textContent()).toContain(`History: broken at event ${target}`);
      const row = page.locator(`tr[data-sequence="${target}"]`);
      await row.waitFor();
      expect(await row.getAttribute('class')).toBe('audit-broken-row');
      expect(await row.textContent()).toContain('first broken');
      expect(await page.locator('.audit-broken-row').count()).toBe(1);
      // Scrolled to: the row is on screen.
      await page.waitForFunction(`(() => { const box = document.querySelector('tr[data-sequence="${target}"]').getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight; })()`);
      expect(await page.getByText('Showing events 1 to 54 of 54.').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await fitsPhone(page);
      await screenshots(page, 'auditor-broken');
      expect(errors).toEqual([]);
    } finally {
      await asSuperuser(stack.dataSource, `UPDATE dispute_events SET occurred_at = occurred_at - interval '1 microsecond' WHERE dispute_id = $1 AND sequence = $2`, [tampered.id, target]);
    }
  });
});
