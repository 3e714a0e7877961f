import { tokenFor } from '../support/api';
import { evidenceBytes } from '../support/evidence';
import { mutate, ok } from '../e2e/support/disputes';
import { disputeIn } from '../e2e/support/states';
import { launchBrowser, seriousViolations, type ConsoleBrowser } from './support/browser';
import { startConsoleStack, type ConsoleStack } from './support/console-stack';
import { statusOf, turnOf } from './support/party';
import { openWithToken } from './support/sign-in';

// The parties' dispute page past negotiation: returns, the decision and its appeal, the mediator's
// questions, and the seller's other answers (reject with evidence, concede).

describe('the parties’ dispute page, step by step', () => {
  let stack: ConsoleStack;
  let chromium: ConsoleBrowser;
  let systemToken: string;

  beforeAll(async () => {
    stack = await startConsoleStack('party-steps');
    chromium = await launchBrowser();
    systemToken = await tokenFor('SYSTEM', 'order-feed');
  });
  afterAll(async () => {
    await chromium?.close();
    await stack?.stop();
  });

  it('shows an agreed return’s address, takes the tracking number, and lets the seller confirm receipt', async () => {
    const staged = await disputeIn(stack.url, systemToken, 'awaitingReturn');
    const buyer = await chromium.person();
    const seller = await chromium.person();
    await openWithToken(buyer.page, stack.url, `/disputes/${staged.id}`, staged.tokens.buyer);
    await openWithToken(seller.page, stack.url, `/disputes/${staged.id}`, staged.tokens.seller);
    const address = buyer.page.locator('address.return-address');
    await address.waitFor();
    expect(await address.textContent()).toBe('Acme Returns1 Harbour Street20457 HamburgDE');
    expect(await statusOf(buyer.page)).toBe('Waiting for the item to be sent back');
    await seller.page.getByRole('heading', { name: 'Return of the item' }).waitFor();
    expect(await seller.page.getByRole('button', { name: /Confirm receipt|Record the shipment/ }).count()).toBe(0);

    // The domain's tracking rule answers before anything is sent, in the API's own sentence.
    await buyer.page.getByLabel('Carrier').selectOption('DHL');
    await buyer.page.getByLabel('Tracking number').fill('12-34');
    await buyer.page.getByRole('button', { name: 'Record the shipment' }).click();
    expect(await buyer.page.locator('section[aria-labelledby="return-heading"] .error-note').textContent()).toContain('A tracking number has 8 to 40 letters and digits (spaces and dashes are ignored).');
    await buyer.page.getByLabel('Tracking number').fill('jd0146 0000-1234');
    expect(await seriousViolations(buyer.page)).toEqual([]);
    await buyer.page.getByRole('button', { name: 'Record the shipment' }).click();
    await buyer.page.getByText('Sent with DHL, tracking number JD014600001234.').waitFor();
    expect(await statusOf(buyer.page)).toBe('Return on its way to the seller');

    // The seller's page moves on by itself and offers the receipt.
    await seller.page.getByText('Sent with DHL, tracking number JD014600001234.').waitFor();
    expect(await turnOf(seller.page)).toMatch(/^Your turn\. The seller must confirm or contest receipt of the return\./);
    await seller.page.getByRole('heading', { name: 'Something is wrong with what came back' }).waitFor();
    expect(await seriousViolations(seller.page)).toEqual([]);
    await seller.page.getByRole('button', { name: 'Confirm receipt' }).click();
    for (const page of [seller.page, buyer.page]) {
      await page.getByTestId('outcome').filter({ hasText: /^Outcome: Return the item for a refund of 49\.99 EUR/ }).waitFor();
      await page.getByText('Received by the seller').waitFor();
    }
    expect(buyer.errors).toEqual([]);
    expect(seller.errors).toEqual([]);
  });

  it('shows the decision with its rationale and clauses, and files one appeal with grounds and a new file', async () => {
    const staged = await disputeIn(stack.url, systemToken, 'decided');
    const buyer = await chromium.person();
    await openWithToken(buyer.page, stack.url, `/disputes/${staged.id}`, staged.tokens.buyer);
    const decision = buyer.page.locator('section[aria-labelledby="decision-heading"]');
    await decision.waitFor();
    expect(await decision.textContent()).toContain('Partial refund of 15.00 EUR');
    expect(await decision.textContent()).toContain('The photos show damage that a partial refund fairly covers.');
    expect(await decision.getByRole('listitem').filter({ hasText: 'NAD-2' }).textContent()).toBe('NAD-2: A minor difference from the listing may be settled by a partial refund while the buyer keeps the item.');
    expect(await decision.getByText('The decision cites no files.').count()).toBe(1);
    expect(await statusOf(buyer.page)).toBe('Decided by a mediator');
    expect(await decision.getByText(/Either party may appeal once, until in \d+ days/).count()).toBe(1);

    // Without grounds the API refuses, beside the appeal's button; nothing changes.
    await buyer.page.getByRole('button', { name: 'File the appeal' }).click();
    const refusal = decision.locator('.error-note');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/grounds/i);
    expect(await statusOf(buyer.page)).toBe('Decided by a mediator');

    await buyer.page.getByLabel('Your grounds: what is new since the decision').fill('A repair shop quoted 25 euros; the quote is attached.');
    await buyer.page.getByLabel('New evidence (optional)').setInputFiles({ name: 'repair-quote.png', mimeType: 'image/png', buffer: evidenceBytes('repair-quote', 'image/png') });
    await decision.locator('.picked-files').getByText('repair-quote.png').waitFor();
    expect(await seriousViolations(buyer.page)).toEqual([]);
    await buyer.page.getByRole('button', { name: 'File the appeal' }).click();
    await buyer.page.locator('.status-badge').filter({ hasText: 'Under appeal' }).waitFor();
    expect(await decision.locator('.notice').textContent()).toContain('You appealed on');
    expect(await buyer.page.getByRole('button', { name: 'File the appeal' }).count()).toBe(0);
    expect(buyer.errors).toEqual([]);
  });

  it('lets the party a mediator asked answer the question', async () => {
    const staged = await disputeIn(stack.url, systemToken, 'asked');
    const seller = await chromium.person();
    await openWithToken(seller.page, stack.url, `/disputes/${staged.id}`, staged.tokens.seller);
    const requests = seller.page.locator('section[aria-labelledby="requests-heading"]');
    await requests.getByText('Packing photos, please?').waitFor();
    expect(await turnOf(seller.page)).toMatch(/^Your turn\. The mediator asked for information\./);
    expect(await seriousViolations(seller.page)).toEqual([]);
    await requests.getByLabel('Your answer').fill('Packed in bubble wrap and a double box; photos attached.');
    await requests.getByLabel('Files that show it (optional)').setInputFiles({ name: 'packing.jpg', mimeType: 'image/jpeg', buffer: evidenceBytes('packing', 'image/jpeg') });
    await requests.locator('.picked-files').getByText('packing.jpg').waitFor();
    await requests.getByRole('button', { name: 'Send the answer' }).click();
    await requests.getByText('You answered.').waitFor();
    expect(await turnOf(seller.page)).toMatch(/^Waiting for a mediator\./);
    expect(seller.errors).toEqual([]);
  });

  it('lets the seller reject with evidence, which the buyer sees and downloads, and concede later', async () => {
    const staged = await disputeIn(stack.url, systemToken, 'open');
    const seller = await chromium.person();
    const buyer = await chromium.person();
    await openWithToken(seller.page, stack.url, `/disputes/${staged.id}`, staged.tokens.seller);
    await openWithToken(buyer.page, stack.url, `/disputes/${staged.id}`, staged.tokens.buyer);
    await seller.page.getByRole('heading', { name: 'Respond to the dispute' }).waitFor();

    // Choosing by keyboard; a rejection without a file is the API's refusal, shown in the form.
    await seller.page.getByLabel('Reject, with evidence').focus();
    await seller.page.keyboard.press('Space');
    await seller.page.getByLabel('Why you reject the request').fill('The screen was intact when packed; see the packing photo.');
    await seller.page.getByRole('button', { name: 'Send response' }).click();
    const refusal = seller.page.locator('.seller-response .error-note');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/evidence|file/i);
    expect(await statusOf(seller.page)).toBe('Waiting for the seller’s response');

    await seller.page.getByLabel('Evidence (at least one file)').setInputFiles({ name: 'packing-photo.jpg', mimeType: 'image/jpeg', buffer: evidenceBytes('packing-photo', 'image/jpeg') });
    await seller.page.locator('.picked-files').getByText('packing-photo.jpg').waitFor();
    expect(await seriousViolations(seller.page)).toEqual([]);
    await seller.page.getByRole('button', { name: 'Send response' }).click();
    await seller.page.locator('.status-badge').filter({ hasText: 'Negotiating' }).waitFor();

    // The buyer's page shows the statement once, the rejected request, and the seller's file.
    const statement = buyer.page.locator('.message').filter({ hasText: 'The screen was intact when packed; see the packing photo.' });
    await statement.waitFor();
    expect(await statement.count()).toBe(1);
    expect(await statement.locator('.message-meta').textContent()).toMatch(/^Seller, rejecting the buyer’s request · /);
    await buyer.page.locator('.offer').filter({ hasText: '#1 Partial refund of 20.00 EUR' }).getByText('rejected').waitFor();
    const file = buyer.page.locator('section[aria-labelledby="evidence-heading"] li').filter({ hasText: 'packing-photo.jpg' });
    expect(await file.textContent()).toContain('Added by the seller');
    const [download] = await Promise.all([buyer.page.waitForEvent('download'), file.getByRole('button', { name: 'Download packing-photo.jpg' }).click()]);
    expect(download.suggestedFilename()).toBe('packing-photo.jpg');
    expect(await seriousViolations(buyer.page)).toEqual([]);

    // Later the seller gives in: the buyer gets what they asked for, on both pages.
    // Conceding is final, so a dialog asks first and shows what the buyer gets.
    await seller.page.getByRole('button', { name: 'Concede the dispute…' }).click();
    const dialog = seller.page.getByRole('dialog', { name: 'Concede this dispute?' });
    await dialog.waitFor();
    await dialog.getByLabel('Give the buyer').selectOption('AS_REQUESTED');
    expect(await dialog.getByRole('option', { name: 'What they asked for: Partial refund of 20.00 EUR' }).count()).toBe(1);
    await dialog.getByLabel('A note to the buyer (optional)').fill('Fair enough, sorry for the trouble.');
    expect(await seriousViolations(seller.page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Concede', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    for (const page of [seller.page, buyer.page]) {
      await page.getByTestId('outcome').filter({ hasText: 'Outcome: Partial refund of 20.00 EUR, by the seller’s concession.' }).waitFor();
    }
    await buyer.page.locator('.message').filter({ hasText: 'Fair enough, sorry for the trouble.' }).getByText(/^Seller, conceding · /).waitFor();
    expect(seller.errors).toEqual([]);
    expect(buyer.errors).toEqual([]);
  });

  it('runs an agreed replacement: the seller records the shipment, the buyer confirms it arrived', async () => {
    const staged = await disputeIn(stack.url, systemToken, 'negotiating');
    await ok(mutate(stack.url, staged.tokens.buyer, 'makeOffer', { disputeId: staged.id, terms: { kind: 'REPLACEMENT' } }));
    const seller = await chromium.person();
    const buyer = await chromium.person();
    await openWithToken(seller.page, stack.url, `/disputes/${staged.id}`, staged.tokens.seller);
    await openWithToken(buyer.page, stack.url, `/disputes/${staged.id}`, staged.tokens.buyer);
    await seller.page.getByRole('button', { name: 'Accept offer #3' }).click();
    await seller.page.getByText('Waiting for the seller to ship the replacement').first().waitFor();
    await buyer.page.getByText(/^The seller ships by in \d+ days/).waitFor();
    expect(await buyer.page.getByRole('button', { name: /Record the shipment|Confirm the replacement/ }).count()).toBe(0);

    await seller.page.getByLabel('Carrier').selectOption('OTHER');
    await seller.page.getByLabel('Carrier’s name').fill('Hamburg Bike Couriers');
    await seller.page.getByLabel('Tracking number').fill('HBC-2026-000-417');
    expect(await seriousViolations(seller.page)).toEqual([]);
    await seller.page.getByRole('button', { name: 'Record the shipment' }).click();
    await seller.page.getByText('Sent with Hamburg Bike Couriers, tracking number HBC2026000417.').waitFor();

    await buyer.page.getByText('Sent with Hamburg Bike Couriers, tracking number HBC2026000417.').waitFor();
    expect(await turnOf(buyer.page)).toMatch(/^Your turn\. The buyer must confirm the replacement arrived or report a problem\./);
    expect(await seriousViolations(buyer.page)).toEqual([]);
    await buyer.page.getByRole('button', { name: 'Confirm the replacement arrived' }).click();
    for (const page of [buyer.page, seller.page]) {
      await page.getByText('Received by the buyer').waitFor();
      await page.getByTestId('outcome').filter({ hasText: /^Outcome: Replacement/ }).waitFor();
    }
    expect(buyer.errors).toEqual([]);
    expect(seller.errors).toEqual([]);
  });
});
