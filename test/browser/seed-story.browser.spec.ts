import type { Page } from 'playwright-core';
import { tokenFor } from '../support/api';
import { readDispute, registerOrder, until } from '../e2e/support/disputes';
import { launchBrowser, seriousViolations, type ConsoleBrowser } from './support/browser';
import { startConsoleStack, type ConsoleStack } from './support/console-stack';
import { markWorld, sameWorld, statusOf, turnOf } from './support/party';
import { pngImage } from './support/png';
import { revealInQueue } from './support/queue';
import { openWithToken, signInAs } from './support/sign-in';

// The seed's guide (docs: seed-aliexpress-dispute-guide) told end to end through the console, with
// real people side by side: the buyer's eight steps to open a dispute, the seller's answer, the
// mediator's decision and the one appeal, and the FAQs the pages must answer on the way.

const stepHeading = (page: Page, text: string) => page.getByRole('heading', { level: 2, name: text });

describe('the seed’s story: a buyer opens a dispute in eight steps and it ends with a final appeal ruling', () => {
  let stack: ConsoleStack;
  let chromium: ConsoleBrowser;

  beforeAll(async () => {
    stack = await startConsoleStack('seed-story');
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await stack?.stop();
  });

  it('goes from My Orders through negotiation, mediation and one appeal, live on every person’s page', async () => {
    const url = stack.url;
    // A buyer and a seller no other suite uses, from the marketplace's order feed.
    const order = await registerOrder(url, await tokenFor('SYSTEM', 'order-feed'));
    const buyerToken = await tokenFor('BUYER', order.buyerId);
    const sellerToken = await tokenFor('SELLER', order.sellerId);

    // Steps 1–3: the buyer signs in, goes to My Orders and finds the order by searching.
    const buyer = await chromium.person();
    await openWithToken(buyer.page, url, '/orders', buyerToken);
    await buyer.page.getByRole('heading', { level: 1, name: 'My orders' }).waitFor();
    await buyer.page.getByLabel('Find an order by its id').fill(order.orderId);
    await buyer.page.keyboard.press('Enter');
    await buyer.page.getByText(`Orders whose id starts with \u201c${order.orderId}\u201d: 1.`).waitFor();

    // Step 4: Open dispute.
    await buyer.page.getByRole('link', { name: `Open dispute on order ${order.orderId}` }).click();
    await buyer.page.waitForURL(`${url}/console/orders/${order.orderId}/dispute/new`);

    // Step 5: the reason and sub-reason. FAQ 4: the form says the reason is fixed once submitted.
    await stepHeading(buyer.page, 'Step 1 of 5: Reason').waitFor();
    expect(await buyer.page.getByText('The reason cannot be changed after you submit').count()).toBe(1);
    await buyer.page.getByRole('radio', { name: 'The item is not as described' }).check();
    await buyer.page.getByLabel('More precisely (optional)').selectOption({ label: 'It differs from the listing' });
    expect(await seriousViolations(buyer.page)).toEqual([]);
    await buyer.page.getByRole('button', { name: 'Next' }).click();

    // Step 6: details and evidence. FAQ 1: "not as described" takes evidence, and needs it.
    await stepHeading(buyer.page, 'Step 2 of 5: Describe the problem').waitFor();
    const description = 'The listing said solid oak; the shelf that arrived is veneered chipboard.';
    await buyer.page.getByLabel(/What happened\?/).fill(description);
    await buyer.page.getByRole('button', { name: 'Next' }).click();
    await stepHeading(buyer.page, 'Step 3 of 5: Evidence').waitFor();
    await buyer.page.getByRole('button', { name: 'Next' }).click();
    expect(await buyer.page.getByRole('alert').textContent()).toContain('A "not as described" dispute needs at least one piece of evidence.');
    await buyer.page.getByLabel('Add evidence').setInputFiles({ name: 'chipboard-edge.png', mimeType: 'image/png', buffer: pngImage(32, 20) });
    const photo = buyer.page.locator('.evidence-file', { hasText: 'chipboard-edge.png' });
    await photo.getByText('Uploaded (image/png)').waitFor();
    expect(await photo.getByRole('img', { name: 'Preview of chipboard-edge.png' }).isVisible()).toBe(true);
    await buyer.page.getByRole('button', { name: 'Next' }).click();

    // Step 7: the desired resolution, a partial refund.
    await stepHeading(buyer.page, 'Step 4 of 5: Resolution').waitFor();
    await buyer.page.getByRole('radio', { name: 'A partial refund' }).check();
    await buyer.page.getByLabel('Amount (EUR)').fill('20');
    await buyer.page.getByRole('button', { name: 'Next' }).click();

    // Step 8: review and submit; the buyer lands on the dispute's page.
    await stepHeading(buyer.page, 'Step 5 of 5: Review and submit').waitFor();
    const review = (await buyer.page.locator('dl.review').textContent()) ?? '';
    for (const shown of ['The item is not as described', 'It differs from the listing', description, 'chipboard-edge.png (Photo)', 'A partial refund: 20.00 EUR']) expect(review).toContain(shown);
    expect(await buyer.page.getByText('The reason cannot be changed after you submit.').isVisible()).toBe(true);
    expect(await seriousViolations(buyer.page)).toEqual([]);
    const submittedFrom = Date.now();
    await buyer.page.getByRole('button', { name: 'Submit dispute' }).click();
    await buyer.page.waitForURL(new RegExp(`${url}/console/disputes/[^/]+$`));
    const id = decodeURIComponent(buyer.page.url().split('/').pop()!);
    await buyer.page.getByRole('heading', { name: `Dispute on order ${order.orderId}` }).waitFor();
    expect(await turnOf(buyer.page)).toBe('Waiting for the seller. The seller must respond to the dispute.');

    // FAQ 2: the 15-day target, as a target. FAQ 4: the reason shows, and nothing offers to change it.
    const target = buyer.page.getByRole('listitem').filter({ hasText: 'The marketplace aims to resolve this dispute by' });
    const targetAt = Date.parse((await target.locator('time').getAttribute('datetime'))!);
    expect(targetAt).toBeGreaterThanOrEqual(submittedFrom + 15 * 86_400_000 - 1000);
    expect(targetAt).toBeLessThanOrEqual(Date.now() + 15 * 86_400_000);
    expect(await target.textContent()).toMatch(
      /by: in 15 days \([A-Z][a-z]{2} \d{1,2}, \d\d:\d\d UTC\) \(a target, not a deadline/,
    );
    expect(await buyer.page.locator('dl.facts').textContent()).toMatch(/^ReasonItem not as described: it differs from the listing/);
    expect(await buyer.page.locator('main').getByRole('button', { name: /reason/i }).count()).toBe(0);
    expect(await buyer.page.locator('main').getByRole('link', { name: /reason|edit|change/i }).count()).toBe(0);
    expect((await readDispute(url, buyerToken, id)).data!.dispute.availableActions.some((action: string) => /REASON/.test(action))).toBe(false);
    expect(await seriousViolations(buyer.page)).toEqual([]);
    // From here on the buyer's page is never reloaded: everything else arrives live.
    await markWorld(buyer.page);

    // The seller, in a browser of their own, finds it waiting for them and counter-offers.
    const seller = await chromium.person();
    await openWithToken(seller.page, url, '/seller/disputes', sellerToken);
    const row = seller.page.locator(`section[aria-labelledby="seller-disputes-heading"] tbody tr[data-dispute="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Waiting for you');
    await row.getByRole('link').click();
    await seller.page.getByRole('heading', { name: 'Respond to the dispute' }).waitFor();
    expect(await seller.page.getByText('The buyer asks for: Partial refund of 20.00 EUR.').count()).toBe(1);
    await markWorld(seller.page);
    await seller.page.getByLabel('Make a counter-offer').check();
    await seller.page.getByLabel('Amount (EUR)').fill('8');
    await seller.page.getByLabel('A note with your counter-offer (optional)').fill('Veneer is how the listing’s photos look too.');
    await seller.page.getByRole('button', { name: 'Send response' }).click();
    await seller.page.locator('.offer').filter({ hasText: '#2 Partial refund of 8.00 EUR' }).waitFor();

    // The buyer sees the offer live and rejects it; the seller sees the rejection and then the buyer's message live.
    const offer = buyer.page.locator('.offer').filter({ hasText: '#2 Partial refund of 8.00 EUR' });
    await offer.getByRole('button', { name: 'Reject offer #2' }).waitFor();
    expect(await turnOf(buyer.page)).toBe('Your turn. The buyer should answer offer #2.');
    await buyer.page.getByLabel('Why you reject it (optional)').fill('Oak was the reason I bought it.');
    await offer.getByRole('button', { name: 'Reject offer #2' }).click();
    await offer.getByText('rejected').waitFor();
    await seller.page.locator('.offer').filter({ hasText: '#2 Partial refund of 8.00 EUR' }).getByText('rejected').waitFor();
    await buyer.page.getByLabel('Message').fill('The description says “solid oak” twice.');
    await buyer.page.getByRole('button', { name: 'Send message' }).click();
    await seller.page.locator('.message').filter({ hasText: 'The description says “solid oak” twice.' }).getByText(/^Buyer ·/).waitFor();

    // The buyer escalates.
    await buyer.page.getByLabel('Why a mediator should step in').fill('We cannot agree on what the listing promised.');
    await buyer.page.getByRole('button', { name: 'Escalate to a mediator' }).click();
    await buyer.page.locator('.status-badge').filter({ hasText: 'With a mediator' }).waitFor();
    await seller.page.locator('.status-badge').filter({ hasText: 'With a mediator' }).waitFor();

    // mediator-maria claims it from the queue and decides in the case file, citing the photo and a clause.
    const maria = await chromium.person();
    await signInAs(maria.page, url, 'mediator-maria');
    await maria.page.getByRole('heading', { name: 'Mediation queue' }).waitFor();
    const queued = await revealInQueue(maria.page, id);
    await queued.getByRole('button', { name: `Claim case ${id.slice(0, 8)}` }).click();
    await queued.getByText('yours', { exact: true }).waitFor();
    expect(await seriousViolations(maria.page)).toEqual([]);
    await queued.getByRole('link', { name: `Open case file ${id.slice(0, 8)}` }).click();
    await maria.page.getByText('held by mediator-maria').waitFor();
    await maria.page.locator('#ruling-outcome').selectOption('PARTIAL_REFUND');
    await maria.page.locator('#ruling-amount').fill('15');
    await maria.page.getByRole('checkbox', { name: / · buyer · / }).check();
    await maria.page.getByRole('checkbox', { name: /^NAD-2 / }).check();
    const rationale = 'The photo shows chipboard where the listing promised solid oak; a partial refund covers the difference.';
    await maria.page.locator('#ruling-rationale').fill(rationale);
    await maria.page.getByRole('button', { name: 'Review decision' }).click();
    const confirm = maria.page.getByRole('dialog', { name: 'Record this decision?' });
    await confirm.waitFor();
    expect(await confirm.getByTestId('confirm-refund').textContent()).toBe('15.00 EUR');
    expect(await seriousViolations(maria.page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Record decision' }).click();
    await maria.page.getByText('The decision was recorded: Partial refund.').waitFor();

    // Both parties' pages show the decision live, with its rationale, clause and cited photo.
    for (const page of [buyer.page, seller.page]) {
      const decision = page.locator('section[aria-labelledby="decision-heading"]');
      await decision.getByText(rationale).waitFor();
      expect(await decision.textContent()).toContain('Partial refund of 15.00 EUR');
      expect(await decision.getByRole('listitem').filter({ hasText: 'NAD-2' }).count()).toBe(1);
      expect(await decision.getByRole('listitem').filter({ hasText: /\(photo, added by / }).count()).toBe(1);
      expect(await statusOf(page)).toBe('Decided by a mediator');
      await decision.getByRole('button', { name: 'File the appeal' }).waitFor();
    }
    expect(await seriousViolations(seller.page)).toEqual([]);

    // FAQ 5: the seller appeals once, from the dispute page; afterwards nobody is offered another.
    await seller.page.getByLabel('Your grounds: what is new since the decision').fill('The supplier’s certificate says the panels are oak veneer, as the listing’s fine print states.');
    await seller.page.getByRole('button', { name: 'File the appeal' }).click();
    for (const page of [seller.page, buyer.page]) {
      await page.locator('.status-badge').filter({ hasText: 'Under appeal' }).waitFor();
      await page.getByText('A second mediator is deciding the appeal.').waitFor();
      expect(await page.getByRole('button', { name: 'File the appeal' }).count()).toBe(0);
    }

    // mediator-mike, not the first mediator, claims the appeal and rules.
    const mike = await chromium.person();
    await signInAs(mike.page, url, 'mediator-mike');
    await mike.page.getByRole('heading', { name: 'Mediation queue' }).waitFor();
    const appealed = await revealInQueue(mike.page, id);
    await appealed.getByRole('button', { name: `Claim case ${id.slice(0, 8)}` }).click();
    await appealed.getByRole('link', { name: `Open case file ${id.slice(0, 8)}` }).click();
    await mike.page.getByText('held by mediator-mike').waitFor();
    await mike.page.locator('#ruling-outcome').selectOption('FULL_REFUND');
    await mike.page.getByRole('checkbox', { name: / · buyer · / }).check();
    await mike.page.getByRole('checkbox', { name: /^NAD-2 / }).check();
    const final = 'The listing’s headline says solid oak; fine print does not undo it. The buyer gets the whole price back.';
    await mike.page.locator('#ruling-rationale').fill(final);
    await mike.page.getByRole('button', { name: 'Review appeal ruling' }).click();
    const appealDialog = mike.page.getByRole('dialog', { name: 'Record this appeal ruling?' });
    expect(await appealDialog.getByTestId('confirm-refund').textContent()).toBe('49.99 EUR');
    await appealDialog.getByRole('button', { name: 'Record decision' }).click();
    await mike.page.getByTestId('appeal-result').filter({ hasText: 'Decided by mediator-mike: the first decision was changed.' }).waitFor();

    // The final status on both pages, and no appeal on offer again: the review was final.
    const settled = await until(
      async () => (await readDispute(url, buyerToken, id)).data!.dispute,
      (dispute) => dispute.status === 'RESOLVED' || dispute.status === 'CLOSED',
    );
    expect(settled.availableActions).not.toContain('FILE_APPEAL');
    expect(settled.decision).toMatchObject({ mediatorId: 'mediator-maria', outcome: 'PARTIAL_REFUND' });
    expect(settled.appeal).toMatchObject({ by: 'SELLER', decidedBy: 'mediator-mike', upheld: false });
    for (const page of [buyer.page, seller.page]) {
      await page.getByText('The appeal changed the decision.').waitFor();
      await page.getByTestId('outcome').filter({ hasText: /^Outcome: Full refund of 49\.99 EUR/ }).waitFor();
      await page.locator('.status-badge').filter({ hasText: /^(Resolved|Closed)$/ }).waitFor();
      expect(await page.getByRole('button', { name: /appeal|Escalate|offer/i }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
    }
    expect(await seriousViolations(mike.page)).toEqual([]);
    expect(await sameWorld(buyer.page)).toBe(true);
    expect(await sameWorld(seller.page)).toBe(true);
    for (const person of [buyer, seller, maria, mike]) expect(person.errors).toEqual([]);
  }, 240_000);
});
