import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { graphql, tokenFor } from '../support/api';
import { mutate } from '../e2e/support/disputes';
import { launchBrowser, PHONE, screenshots, seriousViolations, type ConsoleBrowser } from './support/browser';
import { daysFromNow, freshBuyer, registerFeedOrders } from './support/buyer-orders';
import { startConsoleStack, type ConsoleStack } from './support/console-stack';
import { pngImage } from './support/png';
import { openWithToken } from './support/sign-in';

/** Presses Enter on a control reached by focus, as a keyboard user does. */
async function pressOn(page: Page, locator: ReturnType<Page['locator']>, key = 'Enter'): Promise<void> {
  await locator.focus();
  await page.keyboard.press(key);
}

/** How far the page scrolls sideways at phone width (390 px); wide content must scroll inside its own box. */
async function sideScrollOnPhone(page: Page): Promise<number> {
  const original = page.viewportSize();
  await page.setViewportSize(PHONE);
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  if (original) await page.setViewportSize(original);
  return overflow;
}

const stepHeading = (page: Page, text: string) => page.getByRole('heading', { level: 2, name: text });

describe('the buyer\u2019s orders and the Open Dispute form', () => {
  let stack: ConsoleStack;
  let chromium: ConsoleBrowser;
  const buyer = freshBuyer();
  const run = buyer.slice(-8);
  const headphones = `ord-${run}-headphones`;
  const teapot = `ord-${run}-teapot`;
  const lamp = `ord-${run}-lamp`;
  let token: string;

  beforeAll(async () => {
    stack = await startConsoleStack('buyer-orders');
    chromium = await launchBrowser();
    token = await tokenFor('BUYER', buyer);
    await registerFeedOrders(stack.url, buyer, [
      // Eight older orders, so the first page (10) ends before the oldest one.
      ...Array.from({ length: 8 }, (_, index) => ({
        orderId: `ord-${run}-older-${index + 1}`,
        title: `Older purchase ${index + 1}`,
        amountMinor: 1000 + index,
        currency: 'EUR',
        placedAt: daysFromNow(-60 - index),
        shippedAt: daysFromNow(-59 - index),
        deliveryDeadlineAt: daysFromNow(-50 - index),
        deliveredAt: daysFromNow(-52 - index),
      })),
      { orderId: teapot, title: 'Cast-iron teapot', amountMinor: 4500, currency: 'JPY', placedAt: daysFromNow(-40), shippedAt: daysFromNow(-38), deliveryDeadlineAt: daysFromNow(-30), deliveredAt: daysFromNow(-35) },
      {
        orderId: lamp,
        amountMinor: 5998,
        currency: 'EUR',
        placedAt: daysFromNow(-3),
        shippedAt: daysFromNow(-2),
        deliveryDeadlineAt: daysFromNow(4),
        lines: [{ lineId: 'l1', sku: 'LAMP-1', title: 'Desk lamp', quantity: 2, unitPriceMinor: 2999 }],
      },
      { orderId: headphones, title: 'Noise-cancelling headphones', amountMinor: 12999, currency: 'EUR', placedAt: daysFromNow(-1), shippedAt: daysFromNow(-0.5), deliveryDeadlineAt: daysFromNow(5) },
    ]);
  });
  afterAll(async () => {
    await chromium?.close();
    await stack?.stop();
  });

  it('lists the buyer\u2019s orders newest first, says why and until when one cannot be disputed, pages and searches by order id', async () => {
    const { page, errors } = await chromium.person();
    await openWithToken(page, stack.url, '/orders', token);
    await page.getByRole('heading', { level: 1, name: 'My orders' }).waitFor();
    expect(await page.title()).toBe('My orders \u00b7 Disputes console');
    expect(await page.getByRole('link', { name: 'My orders' }).getAttribute('aria-current')).toBe('page');

    const titles = await page.locator('.orders > li h2').allTextContents();
    expect(titles.slice(0, 3)).toEqual(['Noise-cancelling headphones', '2 \u00d7 Desk lamp', 'Cast-iron teapot']);
    expect(titles).toHaveLength(10);

    const newest = page.getByRole('listitem', { name: 'Noise-cancelling headphones' });
    expect(await newest.locator('.amount').textContent()).toBe('129.99 EUR');
    expect(await newest.getByRole('link', { name: `Open dispute on order ${headphones}` }).isVisible()).toBe(true);
    expect(await newest.textContent()).toMatch(/Possible until in \d+ days/);

    const closed = page.getByRole('listitem', { name: 'Cast-iron teapot' });
    expect(await closed.locator('.amount').textContent()).toBe('4500 JPY');
    expect(await closed.locator('.order-closed').textContent()).toMatch(/^The protection window ended on [A-Z][a-z]{2} \d{1,2}, \d{4}, \d\d:\d\d UTC\.$/);
    expect(await closed.getByRole('link', { name: /Open dispute/ }).count()).toBe(0);
    expect(await page.getByRole('listitem', { name: '2 \u00d7 Desk lamp' }).locator('.amount').textContent()).toBe('59.98 EUR');

    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'buyer-my-orders');
    expect(await sideScrollOnPhone(page)).toBe(0);

    await pressOn(page, page.getByRole('button', { name: 'Load more' }));
    await page.getByRole('heading', { name: 'Older purchase 8' }).waitFor();
    expect(await page.locator('.orders > li').count()).toBe(11);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    await page.getByLabel('Find an order by its id').focus();
    await page.keyboard.type(`ord-${run}-tea`);
    await page.keyboard.press('Enter');
    await page.getByText(`Orders whose id starts with \u201cord-${run}-tea\u201d: 1.`).waitFor();
    expect(await page.locator('.orders > li h2').allTextContents()).toEqual(['Cast-iron teapot']);

    await page.getByLabel('Find an order by its id').fill('ord-nobody-');
    await page.keyboard.press('Enter');
    await page.getByText('No order of yours has an id starting with \u201cord-nobody-\u201d.').waitFor();

    // A buyer with no orders at all is told so, not shown an empty page.
    const newcomer = await chromium.person();
    await openWithToken(newcomer.page, stack.url, '/orders', await tokenFor('BUYER', freshBuyer()));
    await newcomer.page.getByText('You have no orders yet.').waitFor();
    expect(await newcomer.page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(newcomer.errors).toEqual([]);

    // The form itself refuses an order outside its window with the eligibility sentence.
    await page.goto(`${stack.url}/console/orders/${teapot}/dispute/new`);
    expect(await page.getByRole('alert').textContent()).toMatch(/^The protection window ended on [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    expect(await page.getByRole('button', { name: 'Next' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('opens a dispute through every step by keyboard: evidence with preview, progress and refusals on the file, an exact partial refund, a review, and one dispute for a double click', async () => {
    const { page, errors } = await chromium.person();
    await openWithToken(page, stack.url, '/orders', token);
    await pressOn(page, page.getByRole('link', { name: `Open dispute on order ${headphones}` }));
    await page.waitForURL(`${stack.url}/console/orders/${headphones}/dispute/new`);

    // 1. Reason.
    await stepHeading(page, 'Step 1 of 5: Reason').waitFor();
    expect(await page.getByText('The reason cannot be changed after you submit').count()).toBe(1);
    await pressOn(page, page.getByRole('button', { name: 'Next' }));
    expect(await page.getByRole('alert').textContent()).toContain('Choose what went wrong.');
    await pressOn(page, page.getByRole('radio', { name: 'The item is not as described' }), 'Space');
    const subReasons = await page.getByLabel('More precisely (optional)').locator('option').allTextContents();
    expect(subReasons).toEqual(['Choose one, or leave it out', 'It differs from the listing', 'It arrived damaged', 'It is the wrong item', 'Parts are missing', 'It is counterfeit', 'The quality is poor']);
    await page.getByLabel('More precisely (optional)').focus();
    await page.getByLabel('More precisely (optional)').selectOption({ label: 'It arrived damaged' });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'buyer-open-dispute-1-reason');
    expect(await sideScrollOnPhone(page)).toBe(0);
    await pressOn(page, page.getByRole('button', { name: 'Next' }));

    // 2. Description, counted against the policy's limit.
    const describe = stepHeading(page, 'Step 2 of 5: Describe the problem');
    await describe.waitFor();
    // Focus follows the step: the new step's heading has it.
    expect(await describe.evaluate((heading) => heading === (heading as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement)).toBe(true);
    await pressOn(page, page.getByRole('button', { name: 'Next' }));
    expect(await page.getByRole('alert').textContent()).toContain('The description must not be empty.');
    const description = 'The left ear cup arrived cracked and rattles when worn.';
    await page.getByLabel(/What happened\?/).focus();
    await page.keyboard.type(description);
    expect(await page.locator('#description-count').textContent()).toBe(`${description.length} of 2000 characters`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'buyer-open-dispute-2-describe');
    expect(await sideScrollOnPhone(page)).toBe(0);
    await pressOn(page, page.getByRole('button', { name: 'Next' }));

    // 3. Evidence: required for "not as described".
    await stepHeading(page, 'Step 3 of 5: Evidence').waitFor();
    await pressOn(page, page.getByRole('button', { name: 'Next' }));
    expect(await page.getByRole('alert').textContent()).toContain('A "not as described" dispute needs at least one piece of evidence.');

    const photo = pngImage(24, 16);
    const picker = page.getByLabel('Add evidence');
    const chooseByKeyboard = async (files: { name: string; mimeType: string; buffer: Buffer }[]) => {
      const chooser = page.waitForEvent('filechooser');
      await pressOn(page, picker, 'Space');
      await (await chooser).setFiles(files);
    };
    await chooseByKeyboard([{ name: 'cracked-cup.png', mimeType: 'image/png', buffer: photo }]);
    const cracked = page.locator('.evidence-file', { hasText: 'cracked-cup.png' });
    await cracked.getByText('Uploaded (image/png)').waitFor();
    expect(await cracked.getByRole('progressbar', { name: 'Uploaded cracked-cup.png' }).getAttribute('value')).toBe('1');
    const preview = cracked.getByRole('img', { name: 'Preview of cracked-cup.png' });
    expect(await preview.getAttribute('src')).toMatch(/^blob:/);
    expect(await preview.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).toBe(24);
    expect(await cracked.getByLabel('Cite it as').inputValue()).toBe('PHOTO');

    // A larger photo over a slow line: its bar moves while the bytes go.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 150 * 1024 });
    await chooseByKeyboard([{ name: 'box-photo.png', mimeType: 'image/png', buffer: pngImage(200, 200, { noise: true }) }]);
    const box = page.locator('.evidence-file', { hasText: 'box-photo.png' });
    const uploading = box.getByRole('progressbar', { name: 'Uploading box-photo.png' });
    await uploading.waitFor();
    await box.getByText(/Uploading… [1-9]\d?%/).waitFor();
    await box.getByText('Uploaded (image/png)').waitFor({ timeout: 20_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    // Refusals stay on the file: a type refused before sending, the API's own for bytes that are no image, a repeat.
    await chooseByKeyboard([
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('It rattles.') },
      { name: 'not-really.png', mimeType: 'image/png', buffer: Buffer.from('plain text pretending to be a picture') },
      { name: 'cracked-cup-again.png', mimeType: 'image/png', buffer: photo },
    ]);
    const notes = page.locator('.evidence-file', { hasText: 'notes.txt' });
    expect(await notes.getByRole('alert').textContent()).toContain('This file type (text/plain) is not accepted');
    const fake = page.locator('.evidence-file', { hasText: 'not-really.png' });
    await fake.getByText('This file type is not accepted; send one of image/png').waitFor();
    const repeat = page.locator('.evidence-file', { hasText: 'cracked-cup-again.png' });
    await repeat.getByText('The same file appears twice in this list.').waitFor();
    expect(await repeat.getByText('Not attached').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'buyer-open-dispute-3-evidence');
    expect(await sideScrollOnPhone(page)).toBe(0);
    await pressOn(page, page.getByRole('button', { name: 'Remove notes.txt' }));
    expect(await notes.count()).toBe(0);
    await pressOn(page, page.getByRole('button', { name: 'Next' }));

    // 4. Resolution: the ceiling, and an amount parsed exactly into minor units.
    await stepHeading(page, 'Step 4 of 5: Resolution').waitFor();
    await pressOn(page, page.getByRole('radio', { name: 'A partial refund' }), 'Space');
    expect(await page.locator('#amount-ceiling').textContent()).toBe('At most 129.99 EUR is still refundable on this order.');
    await page.getByLabel('Amount (EUR)').focus();
    await page.keyboard.type('200');
    await pressOn(page, page.getByRole('button', { name: 'Next' }));
    expect(await page.locator('.amount-field').getByRole('alert').textContent()).toContain('A refund cannot exceed the 129.99 EUR still refundable on this order.');
    await page.getByLabel('Amount (EUR)').fill('');
    await page.getByLabel('Amount (EUR)').focus();
    await page.keyboard.type('25.5');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'buyer-open-dispute-4-resolution');
    expect(await sideScrollOnPhone(page)).toBe(0);
    await pressOn(page, page.getByRole('button', { name: 'Next' }));

    // 5. Review: what will be sent, in words.
    await stepHeading(page, 'Step 5 of 5: Review and submit').waitFor();
    const review = page.locator('dl.review');
    const reviewText = await review.textContent();
    for (const shown of ['The item is not as described', 'It arrived damaged', description, 'cracked-cup.png (Photo)', 'box-photo.png (Photo)', 'A partial refund: 25.50 EUR']) expect(reviewText).toContain(shown);
    expect(reviewText).not.toContain('not-really.png');
    expect(reviewText).not.toContain('cracked-cup-again.png');
    expect(await page.getByText('The reason cannot be changed after you submit.').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'buyer-open-dispute-5-review');
    expect(await sideScrollOnPhone(page)).toBe(0);

    // Going back keeps everything typed.
    await pressOn(page, page.getByRole('button', { name: /Describe the problem \(done, go back\)/ }));
    expect(await page.getByLabel(/What happened\?/).inputValue()).toBe(description);
    for (let step = 0; step < 3; step++) await pressOn(page, page.getByRole('button', { name: 'Next' }));
    await stepHeading(page, 'Step 5 of 5: Review and submit').waitFor();

    // The server would refuse a second opening anyway; what a double click must not do is send it.
    const openings: string[] = [];
    page.on('request', (sent) => {
      if (sent.url().endsWith('/graphql') && sent.postData()?.includes('openDispute')) openings.push(sent.postData()!);
    });
    await page.getByRole('button', { name: 'Submit dispute' }).dblclick();
    await page.waitForURL(new RegExp(`${stack.url}/console/disputes/[^/]+$`));
    const disputeId = decodeURIComponent(page.url().split('/').pop()!);
    expect(openings).toHaveLength(1);
    expect((JSON.parse(openings[0]!) as { variables: { input: { idempotencyKey: string } } }).variables.input.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);

    const read = await graphql<{ order: { disputes: { id: string; reason: string; subReason: string; description: string; evidence: { kind: string; contentType: string }[]; offers: { kind: string; amount: { minorUnits: string } }[] }[] } }>(
      stack.url,
      'query Mine($id: ID!) { order(id: $id) { disputes { id reason subReason description evidence { kind contentType } offers { kind amount { minorUnits } } } } }',
      { id: headphones },
      token,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.order.disputes).toEqual([
      {
        id: disputeId,
        reason: 'NOT_AS_DESCRIBED',
        subReason: 'DAMAGED',
        description,
        evidence: [
          { kind: 'PHOTO', contentType: 'image/png' },
          { kind: 'PHOTO', contentType: 'image/png' },
        ],
        offers: [{ kind: 'PARTIAL_REFUND', amount: { minorUnits: '2550' } }],
      },
    ]);
    // The 415 is the API refusing not-really.png, which the browser itself reports as a failed resource.
    expect(errors.filter((error) => !/status of 415 \(Unsupported Media Type\)/.test(error))).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it('keeps everything typed when the API refuses the opening, with its sentence on the review step', async () => {
    const { page, errors } = await chromium.person();
    await openWithToken(page, stack.url, `/orders/${lamp}/dispute/new`, token);
    await stepHeading(page, 'Step 1 of 5: Reason').waitFor();
    await pressOn(page, page.getByRole('radio', { name: 'I did not receive the item' }), 'Space');
    await pressOn(page, page.getByRole('button', { name: 'Next' }));
    await page.getByLabel(/What happened\?/).fill('Tracking has not moved for a week.');
    await pressOn(page, page.getByRole('button', { name: 'Next' }));
    await stepHeading(page, 'Step 3 of 5: Evidence').waitFor();
    expect(await page.getByText('Evidence is optional here').isVisible()).toBe(true);
    // Too large: refused on the file before a byte is sent, and removed by keyboard.
    const chooser = page.waitForEvent('filechooser');
    await pressOn(page, page.getByLabel('Add evidence'), 'Space');
    // From disk: a local browser reads the path itself, where 11 MB of buffer would crawl over the protocol.
    const large = join(mkdtempSync(join(tmpdir(), 'buyer-evidence-')), 'unboxing.mp4');
    writeFileSync(large, Buffer.alloc(11 * 1024 * 1024));
    await (await chooser).setFiles(large);
    const video = page.locator('.evidence-file', { hasText: 'unboxing.mp4' });
    expect(await video.getByRole('alert').textContent()).toContain('The file is 11.0 MB; files up to 10.0 MB (10485760 bytes) are accepted.');
    expect(await video.getByRole('progressbar').count()).toBe(0);
    await pressOn(page, page.getByRole('button', { name: 'Remove unboxing.mp4' }));
    expect(await video.count()).toBe(0);
    rmSync(dirname(large), { recursive: true });
    // Dropped on the area, as from a file manager.
    const screenshot = pngImage(12, 30, { rgb: [30, 90, 200] }).toString('base64');
    const dropped = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob('${screenshot}'), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], 'tracking.png', { type: 'image/png' }));
      return transfer;
    })()`);
    await page.locator('.drop-zone').dispatchEvent('dragover', { dataTransfer: dropped });
    await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
    const tracking = page.locator('.evidence-file', { hasText: 'tracking.png' });
    await tracking.getByText('Uploaded (image/png)').waitFor();
    expect(await tracking.getByRole('img', { name: 'Preview of tracking.png' }).isVisible()).toBe(true);
    await tracking.getByLabel('Cite it as').selectOption({ label: 'Tracking page' });
    await pressOn(page, page.getByRole('button', { name: 'Next' }));
    // An item never received cannot be returned: the choice is there, disabled, with the rulebook's sentence.
    expect(await page.getByRole('radio', { name: 'Return it for a full refund' }).isDisabled()).toBe(true);
    expect(await page.getByText('An item that was not received cannot be returned; ask for a refund instead.').isVisible()).toBe(true);
    await pressOn(page, page.getByRole('radio', { name: 'A full refund', exact: true }), 'Space');
    await pressOn(page, page.getByRole('button', { name: 'Next' }));
    await stepHeading(page, 'Step 5 of 5: Review and submit').waitFor();
    expect(await page.locator('dl.review').textContent()).toContain('A full refund: 59.98 EUR');
    expect(await page.locator('dl.review').textContent()).toContain('tracking.png (Tracking page)');

    // Meanwhile the same buyer opens one from another device.
    const elsewhere = await mutate(stack.url, token, 'openDispute', { orderId: lamp, reason: 'NOT_RECEIVED', description: 'Opened from the phone app.', requestedResolution: { kind: 'FULL_REFUND' } });
    expect(elsewhere.errors).toBeUndefined();

    const keys: string[] = [];
    page.on('request', (sent) => {
      const body = sent.url().endsWith('/graphql') ? sent.postData() : null;
      if (body?.includes('openDispute')) keys.push((JSON.parse(body) as { variables: { input: { idempotencyKey: string } } }).variables.input.idempotencyKey);
    });
    await pressOn(page, page.getByRole('button', { name: 'Submit dispute' }));
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    // The API's answer to a keyed opening on an order whose dispute another command opened (docs/decisions.md, issue 16).
    expect(await refusal.textContent()).toBe('A dispute with this id already exists.CONFLICT \u00b7 disputeId');
    expect(page.url()).toBe(`${stack.url}/console/orders/${lamp}/dispute/new`);
    expect(await page.locator('dl.review').textContent()).toContain('Tracking has not moved for a week.');
    // A retry of the same form carries the same idempotency key.
    const retried = page.waitForResponse((answer) => answer.url().endsWith('/graphql') && Boolean(answer.request().postData()?.includes('openDispute')));
    await pressOn(page, page.getByRole('button', { name: 'Submit dispute' }));
    await retried;
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('A dispute with this id already exists.CONFLICT \u00b7 disputeId');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);

    // My Orders now shows the order's dispute in words, with a link to it, and no button.
    await pressOn(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My orders' }));
    const disputed = page.getByRole('listitem', { name: '2 \u00d7 Desk lamp' });
    await disputed.getByText('Open: waiting for the seller').waitFor();
    expect(await disputed.getByRole('link', { name: 'View the dispute' }).getAttribute('href')).toBe(`/console/disputes/${elsewhere.data!.openDispute.id}`);
    expect(await disputed.textContent()).toContain('This order already has an open dispute; continue that one instead.');
    expect(await disputed.getByRole('link', { name: /Open dispute/ }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
