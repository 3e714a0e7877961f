import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { mutate, ok, openInput, readDispute, registerOrder, until } from '../e2e/support/disputes';
import { tokenFor } from '../support/api';
import { uploadFile, type Citation } from '../support/evidence';
import { LAPTOP, launchBrowser, PHONE, SCREENSHOTS, screenshots, seriousViolations, type ConsoleBrowser } from './support/browser';
import { startConsoleStack, type ConsoleStack } from './support/console-stack';
import { onePagePdf } from './support/pdf';
import { stripedPng } from './support/png';
import { signInAs } from './support/sign-in';

/** "Dec 7, 22:31 UTC", the exact part of a deadline, spelled out here rather than borrowed from the console. */
const utcText = (at: Date): string =>
  `${at.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${at.getUTCDate()}, ${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')} UTC`;

/** A real PNG uploaded by the party, cited as a photo. */
async function uploadPhoto(url: string, token: string, description: string): Promise<Citation> {
  const uploaded = await uploadFile(url, token, stripedPng(), `${description}.png`, 'image/png');
  if (uploaded.status !== 201 || !uploaded.body.evidenceId || !uploaded.body.sha256) throw new Error(`upload refused: ${JSON.stringify(uploaded.body)}`);
  return { evidenceId: uploaded.body.evidenceId, sha256: uploaded.body.sha256, kind: 'PHOTO', description };
}

/**
 * A modal dialog as a person sees it: the viewport, not the full page (a full-page capture
 * stretches the viewport, and the dialog and its backdrop with it).
 */
async function viewportScreenshots(page: Page, name: string): Promise<void> {
  for (const [label, size] of [['laptop', LAPTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), animations: 'disabled' });
  }
  await page.setViewportSize(LAPTOP);
}

/** The status badge of the case file, once it reads `status`. */
async function statusReads(page: Page, status: string): Promise<void> {
  await page.getByTestId('dispute-status').filter({ hasText: new RegExp(`^${status}$`) }).waitFor();
}

describe('the mediator’s case file', () => {
  let stack: ConsoleStack;
  let chromium: ConsoleBrowser;

  beforeAll(async () => {
    stack = await startConsoleStack('case-file');
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await stack?.stop();
  });

  it('shows the whole case to the mediator, who asks, decides citing evidence and a clause, and a second mediator decides the appeal', async () => {
    const url = stack.url;
    const system = await tokenFor('SYSTEM', 'order-feed');
    const order = await registerOrder(url, system);
    const buyer = await tokenFor('BUYER', order.buyerId);
    const seller = await tokenFor('SELLER', order.sellerId);
    const photo = await uploadPhoto(url, buyer, 'Photo of the cracked screen');
    const packing = await uploadPhoto(url, seller, 'Packing photo before dispatch');
    const opened = await ok(mutate(url, buyer, 'openDispute', openInput(order, { evidence: [photo] })));
    const id = opened.id;
    await ok(mutate(url, seller, 'respondToDispute', { disputeId: id, response: 'REJECT', explanation: 'It left our warehouse intact; see the packing photo.', evidence: [packing] }));
    await ok(mutate(url, buyer, 'escalateDispute', { disputeId: id, note: 'The seller will not talk about the crack.' }));

    const maria = await chromium.person();
    const { page } = maria;
    await signInAs(page, url, 'mediator-maria');
    await page.goto(`${url}/console/mediator/cases/${id}`);
    await page.getByRole('heading', { name: /^Case file/ }).waitFor();
    expect(await page.title()).toBe('Case file \u00b7 Disputes console');

    // Before claiming, the list of files shows but not the files (only the holder downloads them).
    expect(await page.getByText('Claim the case to view the file.').count()).toBe(2);
    // Claimed in the console: the button is there because availableActions offers CLAIM_CASE.
    await page.getByRole('button', { name: 'Claim this case' }).press('Enter');
    await page.getByText('held by mediator-maria').waitFor();
    expect(await page.getByRole('button', { name: 'Claim this case' }).count()).toBe(0);

    // The order facts (from the snapshot pinned at opening), the reason and the statements.
    const facts = page.locator('section', { has: page.getByRole('heading', { name: 'Order and claim' }) });
    await facts.getByText('49.99 EUR').waitFor();
    expect(await facts.textContent()).toContain(order.orderId);
    expect(await facts.textContent()).toContain('not as described · damaged');
    const statements = page.locator('section', { has: page.getByRole('heading', { name: 'Statements' }) });
    await statements.getByText('It left our warehouse intact; see the packing photo.').waitFor();
    expect(await statements.textContent()).toContain('The screen arrived cracked across the middle.');
    expect(await statements.textContent()).toContain('The seller will not talk about the crack.');
    const offers = page.locator('section', { has: page.getByRole('heading', { name: 'Offers' }) });
    expect(await offers.locator('tbody tr').first().textContent()).toMatch(/buyer.*partial refund · 20\.00 EUR.*REJECTED/);

    // Both images render from blob: URLs with their hash and who added them.
    const evidence = page.locator(`[data-evidence-id="${photo.evidenceId}"]`);
    const image = evidence.getByRole('img', { name: 'Evidence: Photo of the cracked screen' });
    await image.waitFor();
    await until(
      () => image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth),
      (width) => width > 0,
    );
    expect(await image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth)).toBe(96);
    expect(await image.getAttribute('src')).toMatch(/^blob:/);
    expect(await evidence.textContent()).toContain(photo.sha256);
    expect(await evidence.textContent()).toContain('Added by buyer');
    expect(await page.locator(`[data-evidence-id="${packing.evidenceId}"]`).textContent()).toContain('Added by seller');

    // The timeline and the whose-turn panel.
    const timeline = page.locator('section', { has: page.getByRole('heading', { name: 'Timeline' }) });
    await timeline.getByText('Mediator Assigned').waitFor();
    expect(await timeline.textContent()).toContain('Dispute Opened');
    expect(await page.locator('.turn').textContent()).toMatch(/^mediator/);
    expect(await page.locator('.deadlines').textContent()).toMatch(/Mediation target \(SLA\): in \d+ (hours|days) \(\w{3} \d+, \d\d:\d\d UTC\)/);
    expect(await seriousViolations(page)).toEqual([]);

    // Requesting information by keyboard. A deadline outside the policy's window is refused
    // before sending, next to the form; then a valid one is recorded and shows as a deadline.
    await page.locator('#ri-from').focus();
    await page.keyboard.press('Home'); // the buyer
    await page.locator('#ri-question').focus();
    await page.keyboard.type('Could you send a photo of the crack next to the serial-number label?');
    const tooLate = new Date(Date.now() + 60 * 24 * 3600 * 1000).toISOString().slice(0, 16);
    await page.locator('#ri-due').fill(tooLate);
    await page.getByRole('button', { name: 'Send request' }).press('Enter');
    const riRefusal = page.locator('#ri-error .error-note');
    expect(await riRefusal.textContent()).toMatch(/^The deadline must be between \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z and \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z\.VALIDATION · dueAt$/);
    expect((await readDispute(url, buyer, id)).data!.dispute.informationRequests).toEqual([]);
    // Two days from now to the minute (the input's precision), so it reads "in 2 days" at any time of day.
    const due = new Date(Math.ceil((Date.now() + 2 * 24 * 3600 * 1000) / 60_000) * 60_000);
    await page.locator('#ri-due').fill(due.toISOString().slice(0, 16));
    await page.getByRole('button', { name: 'Send request' }).press('Enter');
    await page.getByText('Asked the buyer.').waitFor();
    const requests = page.locator('.requests');
    await requests.getByText('To the buyer: “Could you send a photo of the crack next to the serial-number label?”').waitFor();
    const dueText = utcText(due);
    expect(await requests.textContent()).toContain(`answer due in 2 days (${dueText})`);
    expect(await page.locator('.deadlines').textContent()).toContain(`Answer to an information request: in 2 days (${dueText})`);
    await timeline.getByText('Information Requested').waitFor();

    // The answer's deadline moved a day later, by keyboard, with the reason the ledger keeps.
    const later = new Date(due.getTime() + 24 * 3600 * 1000);
    const answerDeadline = await page.locator('#ext-which option', { hasText: /^Answer from the buyer/ }).getAttribute('value');
    await page.locator('#ext-which').selectOption(answerDeadline!);
    await page.locator('#ext-due').fill(later.toISOString().slice(0, 16));
    await page.locator('#ext-reason').focus();
    await page.keyboard.type('The buyer is travelling until Thursday.');
    await page.getByRole('button', { name: 'Extend deadline' }).press('Enter');
    const laterText = utcText(later);
    await page.locator('.deadlines').getByText(`Answer to an information request: in 3 days (${laterText})`).waitFor();
    await timeline.getByText('Deadline Extended').waitFor();

    // The buyer answers through the API; the open page learns of it over the subscription.
    const asked = (await readDispute(url, buyer, id)).data!.dispute.informationRequests[0];
    await ok(mutate(url, buyer, 'answerInformationRequest', { disputeId: id, requestId: asked.requestId, answer: 'The label is under the stand; the crack runs right past it.' }));
    await statements.getByText('The label is under the stand; the crack runs right past it.').waitFor();
    await requests.getByText('ANSWERED').waitFor();

    // An API refusal shows the API's sentence and field next to the control that sent it.
    await page.locator('#message-body').fill('   ');
    await page.getByRole('button', { name: 'Post message' }).press('Enter');
    expect(await page.locator('#message-error').textContent()).toBe('The message must not be empty.VALIDATION · body');
    await page.locator('#message-body').fill('Thank you both; I will decide today.');
    await page.getByRole('button', { name: 'Post message' }).press('Enter');
    await page.locator('.messages').getByText('Thank you both; I will decide today.').waitFor();
    expect(await page.locator('#message-error').count()).toBe(0);
    await screenshots(page, 'mediator-case-file');
    // On a phone the page itself never scrolls sideways (wide tables scroll inside their box).
    await page.setViewportSize(PHONE);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await page.setViewportSize(LAPTOP);

    // Deciding. An amount above the refundable ceiling is refused in the form: nothing is sent.
    const ruling = page.locator('section', { has: page.getByRole('heading', { name: 'Decide', exact: true }) });
    await page.locator('#ruling-outcome').selectOption('PARTIAL_REFUND');
    expect(await ruling.getByTestId('refundable-ceiling').textContent()).toBe('Refundable ceiling: 49.99 EUR on this order.');
    await page.locator('#ruling-amount').fill('60.00');
    await ruling.getByRole('checkbox', { name: /Photo of the cracked screen/ }).press('Space');
    await ruling.getByRole('checkbox', { name: /^NAD-2 / }).press('Space');
    await page.locator('#ruling-rationale').fill('The photo shows a crack the listing did not mention; a partial refund covers the repair while the buyer keeps the item.');
    await page.getByRole('button', { name: 'Review decision' }).press('Enter');
    expect(await page.locator('#ruling-amount-error').textContent()).toBe('A refund cannot exceed the 49.99 EUR still refundable on this order.VALIDATION · amount.amountMinor');
    expect(await page.locator('#ruling-amount').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('dialog[open]').count()).toBe(0);
    expect((await readDispute(url, buyer, id)).data!.dispute.status).toBe('UNDER_MEDIATION');

    await page.locator('#ruling-amount').fill('15');
    await page.getByRole('button', { name: 'Review decision' }).press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Record this decision?' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('confirm-outcome').textContent()).toBe('Partial refund');
    expect(await dialog.getByTestId('confirm-refund').textContent()).toBe('15.00 EUR');
    expect(await dialog.getByTestId('confirm-evidence').textContent()).toBe(`Photo of the cracked screen ${photo.sha256.slice(0, 12)}…`);
    expect(await dialog.getByTestId('confirm-clauses').textContent()).toBe('NAD-2: A minor difference from the listing may be settled by a partial refund while the buyer keeps the item.');
    expect(await dialog.getByTestId('confirm-rationale').textContent()).toContain('a partial refund covers the repair');
    // The modal dialog holds the focus, on its first button.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Record decision');
    expect(await seriousViolations(page)).toEqual([]);
    await viewportScreenshots(page, 'mediator-decide-dialog');
    await page.keyboard.press('Enter');
    await statusReads(page, 'DECIDED');
    await page.getByText('The decision was recorded: Partial refund.').waitFor();
    const onRecord = page.locator('section', { has: page.getByRole('heading', { name: 'Decision on record' }) });
    expect(await onRecord.getByTestId('decision-outcome').textContent()).toBe('Partial refund');
    expect(await onRecord.textContent()).toContain('15.00 EUR');
    expect(await onRecord.textContent()).toContain('Photo of the cracked screen');
    expect(await page.getByRole('button', { name: 'Review decision' }).count()).toBe(0);
    const decided = (await readDispute(url, buyer, id)).data!.dispute;
    expect(decided.status).toBe('DECIDED');
    expect(decided.decision).toMatchObject({ mediatorId: 'mediator-maria', outcome: 'PARTIAL_REFUND', refund: { amountMinor: 1500 } });
    expect(maria.errors).toEqual([]);

    // The buyer appeals; mediator-mike claims the appeal in the console and decides it.
    await ok(mutate(url, buyer, 'fileAppeal', { disputeId: id, grounds: 'A repair shop quoted 45 euros, not 15.' }));
    await statusReads(page, 'UNDER_APPEAL');
    const mike = await chromium.person();
    await signInAs(mike.page, url, 'mediator-mike');
    await mike.page.goto(`${url}/console/mediator/cases/${id}`);
    await mike.page.getByRole('button', { name: 'Claim this case' }).press('Enter');
    await mike.page.getByText('held by mediator-mike').waitFor();
    expect(await mike.page.locator('section', { has: mike.page.getByRole('heading', { name: 'Statements' }) }).textContent()).toContain('A repair shop quoted 45 euros, not 15.');
    await mike.page.locator('#ruling-outcome').selectOption('FULL_REFUND');
    await mike.page.getByRole('checkbox', { name: /Photo of the cracked screen/ }).press('Space');
    await mike.page.getByRole('checkbox', { name: /^NAD-2 / }).press('Space');
    await mike.page.locator('#ruling-rationale').fill('The quote shows the repair costs the whole price; the buyer gets a full refund.');
    await mike.page.getByRole('button', { name: 'Review appeal ruling' }).press('Enter');
    const appealDialog = mike.page.getByRole('dialog', { name: 'Record this appeal ruling?' });
    expect(await appealDialog.getByTestId('confirm-refund').textContent()).toBe('49.99 EUR');
    await appealDialog.getByRole('button', { name: 'Record decision' }).press('Enter');
    const final = await until(
      async () => (await readDispute(url, buyer, id)).data!.dispute,
      (dispute) => dispute.appeal?.upheld !== null && dispute.appeal?.upheld !== undefined,
    );
    expect(final.appeal).toMatchObject({ decidedBy: 'mediator-mike', upheld: false });
    await mike.page.getByTestId('appeal-result').filter({ hasText: 'Decided by mediator-mike: the first decision was changed.' }).waitFor();
    const settled = await until(
      async () => (await readDispute(url, buyer, id)).data!.dispute,
      (dispute) => dispute.status === 'RESOLVED' || dispute.status === 'CLOSED',
    );
    await statusReads(mike.page, settled.status);
    await mike.page.getByTestId('appeal-outcome').filter({ hasText: /^Full refund$/ }).waitFor();
    expect(await mike.page.getByTestId('decision-outcome').textContent()).toBe('Partial refund');
    expect(await mike.page.getByTestId('outcome-carried-out').textContent()).toBe('full refund · 49.99 EUR');
    expect(await seriousViolations(mike.page)).toEqual([]);
    await screenshots(mike.page, 'mediator-appeal-decided');
    expect(mike.errors).toEqual([]);
    expect(maria.errors).toEqual([]);
    // One story across two mediators, with six full-page screenshots and three axe scans.
  }, 180_000);

  it('pages the conversation, opens a PDF on request, and lets the mediator holding a case release it with a reason, refusing an empty one before sending', async () => {
    const url = stack.url;
    const order = await registerOrder(url, await tokenFor('SYSTEM', 'order-feed'));
    const buyer = await tokenFor('BUYER', order.buyerId);
    const photo = await uploadPhoto(url, buyer, 'Photo of the dent');
    const { id } = await ok(mutate(url, buyer, 'openDispute', openInput(order, { evidence: [photo] })));
    const seller = await tokenFor('SELLER', order.sellerId);
    const invoice = await uploadFile(url, seller, onePagePdf('Courier damage report'), 'report.pdf', 'application/pdf');
    const report: Citation = { evidenceId: invoice.body.evidenceId!, sha256: invoice.body.sha256!, kind: 'DOCUMENT', description: 'Courier damage report' };
    await ok(mutate(url, seller, 'respondToDispute', { disputeId: id, response: 'REJECT', explanation: 'Five euros for a dent, no more.', evidence: [report] }));
    await ok(mutate(url, buyer, 'escalateDispute', { disputeId: id, note: 'A dent is not worth five euros of my time.' }));
    await ok(mutate(url, await tokenFor('MEDIATOR', 'mediator-maria'), 'claimCase', { disputeId: id }));
    for (let n = 1; n <= 11; n++) await ok(mutate(url, n % 2 ? buyer : seller, 'postMessage', { disputeId: id, body: `Message number ${n}.` }));

    const { page, errors } = await chromium.person();
    await signInAs(page, url, 'mediator-maria');
    await page.goto(`${url}/console/mediator/cases/${id}`);
    await page.getByText('held by mediator-maria').waitFor();
    await page.locator('section', { has: page.getByRole('heading', { name: 'Statements' }) }).getByText('Five euros for a dent, no more.').waitFor();
    // The conversation comes ten messages a page, oldest first.
    const messages = page.locator('.messages li');
    await page.getByRole('heading', { name: 'Messages (11)' }).waitFor();
    await until(() => messages.count(), (count) => count === 10);
    expect(await messages.last().textContent()).toContain('Message number 10.');
    await page.getByRole('button', { name: 'Show more messages' }).press('Enter');
    await messages.filter({ hasText: 'Message number 11.' }).waitFor();
    expect(await messages.count()).toBe(11);
    expect(await page.getByRole('button', { name: 'Show more messages' }).count()).toBe(0);
    // A PDF is fetched when asked for, and shown in a frame from a blob: URL.
    await page.getByRole('button', { name: 'View PDF Courier damage report' }).press('Enter');
    expect(await page.getByTitle('Evidence: Courier damage report').getAttribute('src')).toMatch(/^blob:/);
    await page.getByRole('button', { name: 'Release to the queue' }).press('Enter');
    expect(await page.locator('#release-error').textContent()).toBe('The reason for releasing the case must not be empty.VALIDATION · reason');
    await page.locator('#release-reason').focus();
    await page.keyboard.type('I know the seller personally.');
    await page.getByRole('button', { name: 'Release to the queue' }).press('Enter');
    await page.getByText('unclaimed', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Claim this case' }).waitFor();
    expect(await page.getByRole('button', { name: 'Release to the queue' }).count()).toBe(0);
    await page.locator('section', { has: page.getByRole('heading', { name: 'Timeline' }) }).getByText('Mediator Released').waitFor();
    expect((await readDispute(url, buyer, id)).data!.dispute.mediation).toMatchObject({ mediatorId: null });
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
