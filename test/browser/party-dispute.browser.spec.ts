import { randomUUID } from 'node:crypto';
import { defaultPolicy, toPolicyDocument } from '../../libs/domain/src';
import { graphql, tokenFor } from '../support/api';
import { mutate, ok, openInput, readDispute, registerOrder } from '../e2e/support/disputes';
import { disputeIn } from '../e2e/support/states';
import { launchBrowser, screenshots, seriousViolations, type ConsoleBrowser } from './support/browser';
import { startConsoleStack, type ConsoleStack } from './support/console-stack';
import { fitsAPhone, markWorld, sameWorld, statusOf, turnOf } from './support/party';
import { openWithToken } from './support/sign-in';

// The buyer's and the seller's pages on one dispute, in two browsers side by side: what one does
// arrives on the other's page live (disputeUpdated), without a reload.

describe('the parties’ dispute page and the seller’s home', () => {
  let stack: ConsoleStack;
  let chromium: ConsoleBrowser;
  let systemToken: string;

  beforeAll(async () => {
    stack = await startConsoleStack('party');
    chromium = await launchBrowser();
    systemToken = await tokenFor('SYSTEM', 'order-feed');
  });
  afterAll(async () => {
    await chromium?.close();
    await stack?.stop();
  });

  it('negotiates live between a buyer and a seller until the buyer accepts a partial refund', async () => {
    const order = await registerOrder(stack.url, systemToken);
    const buyerToken = await tokenFor('BUYER', order.buyerId);
    const sellerToken = await tokenFor('SELLER', order.sellerId);
    // A newer dispute of the same seller that waits for the buyer: the API lists it first (newest
    // first), the seller's home must still put the one waiting for them on top.
    const older = await ok(mutate(stack.url, buyerToken, 'openDispute', openInput(order)));
    const other = await registerOrder(stack.url, systemToken, { sellerId: order.sellerId, buyerId: order.buyerId });
    const newer = await ok(mutate(stack.url, buyerToken, 'openDispute', openInput(other)));
    await ok(mutate(stack.url, sellerToken, 'respondToDispute', { disputeId: newer.id, response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { minorUnits: '500', currency: 'EUR' } } }));

    const seller = await chromium.person();
    const buyer = await chromium.person();
    await openWithToken(buyer.page, stack.url, `/disputes/${older.id}`, buyerToken);
    await buyer.page.getByRole('heading', { name: `Dispute on order ${order.orderId}` }).waitFor();
    expect(await turnOf(buyer.page)).toBe('Waiting for the seller. The seller must respond to the dispute.');
    expect(await buyer.page.getByRole('listitem').filter({ hasText: 'The marketplace aims to resolve this dispute by' }).textContent()).toMatch(/in 15 days \(\w{3} \d+, \d\d:\d\d UTC\)/);
    await markWorld(buyer.page);
    // The buyer may neither answer their own request nor escalate before the seller's answer.
    expect(await buyer.page.getByRole('button', { name: /Accept offer|Escalate/ }).count()).toBe(0);

    await openWithToken(seller.page, stack.url, '/seller/disputes', sellerToken);
    await seller.page.getByRole('heading', { name: 'Your disputes and orders' }).waitFor();
    const rows = seller.page.locator('section[aria-labelledby="seller-disputes-heading"] tbody tr');
    await rows.nth(1).waitFor();
    expect(await rows.nth(0).getAttribute('data-dispute')).toBe(older.id);
    expect(await rows.nth(0).textContent()).toContain('Waiting for you');
    expect(await rows.nth(0).locator('time').textContent()).toMatch(/^in \d+ days? \(/);
    expect(await rows.nth(1).getAttribute('data-dispute')).toBe(newer.id);
    expect(await rows.nth(1).textContent()).not.toContain('Waiting for you');
    expect(await seller.page.getByText('1 dispute is waiting for you.').count()).toBe(1);
    await seller.page.locator('section[aria-labelledby="seller-orders-heading"]').getByText(order.orderId).waitFor();
    await seller.page.locator('.figures').getByText('2 on 2 orders').waitFor();
    expect(await seriousViolations(seller.page)).toEqual([]);
    expect(await fitsAPhone(seller.page)).toBe(true);
    await screenshots(seller.page, 'seller-disputes');

    // The seller opens the dispute waiting for them and answers with a counter-offer.
    await rows.nth(0).getByRole('link').click();
    await seller.page.getByRole('heading', { name: 'Respond to the dispute' }).waitFor();
    expect(await turnOf(seller.page)).toBe('Your turn. The seller must respond to the dispute.');
    expect(await seller.page.getByText('The buyer asks for: Partial refund of 20.00 EUR.').count()).toBe(1);
    expect(await seriousViolations(seller.page)).toEqual([]);
    await seller.page.getByLabel('Make a counter-offer').check();
    await seller.page.getByLabel('Amount (EUR)').fill('ten');
    await seller.page.getByRole('button', { name: 'Send response' }).click();
    expect(await seller.page.getByRole('alert').textContent()).toContain('Enter the amount in EUR as a number, for example 12.50.');
    await seller.page.getByLabel('Amount (EUR)').fill('10');
    await seller.page.getByLabel('A note with your counter-offer (optional)').fill('The screen can be replaced for less.');
    await seller.page.getByRole('button', { name: 'Send response' }).click();
    await seller.page.locator('.offer').filter({ hasText: '#2 Partial refund of 10.00 EUR' }).waitFor();
    expect(await seller.page.getByRole('heading', { name: 'Respond to the dispute' }).count()).toBe(0);

    // The buyer's page shows the offer without a reload, and the buyer rejects it.
    const offerTwo = buyer.page.locator('.offer').filter({ hasText: '#2 Partial refund of 10.00 EUR' });
    await offerTwo.getByRole('button', { name: 'Reject offer #2' }).waitFor();
    expect(await statusOf(buyer.page)).toBe('Negotiating');
    expect(await turnOf(buyer.page)).toBe('Your turn. The buyer should answer offer #2.');
    // The note sent with the response is the seller's statement in the conversation.
    await buyer.page.locator('.message').filter({ hasText: 'The screen can be replaced for less.' }).getByText('Seller, answering the dispute with a counter-offer', { exact: false }).waitFor();
    expect(await seriousViolations(buyer.page)).toEqual([]);
    await screenshots(buyer.page, 'party-buyer-dispute');
    await buyer.page.getByLabel('Why you reject it (optional)').fill('Too little for a cracked screen.');
    await offerTwo.getByRole('button', { name: 'Reject offer #2' }).click();
    await offerTwo.getByText('rejected').waitFor();
    await seller.page.locator('.offer').filter({ hasText: '#2 Partial refund of 10.00 EUR' }).getByText('rejected').waitFor();

    // The buyer writes; the seller sees the message arrive.
    await buyer.page.getByLabel('Message').fill('Could you do 15 euros? A repair shop quoted that.');
    await buyer.page.getByRole('button', { name: 'Send message' }).click();
    await buyer.page.locator('.message.mine').filter({ hasText: 'Could you do 15 euros?' }).waitFor();
    await seller.page.locator('.message').filter({ hasText: 'Could you do 15 euros? A repair shop quoted that.' }).getByText(/^Buyer ·/).waitFor();

    // The seller offers 15.00; the buyer accepts it, and both pages end on the outcome.
    await seller.page.getByRole('heading', { name: 'Make an offer' }).waitFor();
    await seller.page.getByLabel('Amount (EUR)').fill('15.00');
    expect(await seriousViolations(seller.page)).toEqual([]);
    await screenshots(seller.page, 'party-seller-dispute');
    await seller.page.getByRole('button', { name: 'Send offer' }).click();
    const offerThree = buyer.page.locator('.offer').filter({ hasText: '#3 Partial refund of 15.00 EUR' });
    await offerThree.getByRole('button', { name: 'Accept offer #3' }).click();
    for (const page of [buyer.page, seller.page]) {
      await page.getByTestId('outcome').filter({ hasText: 'Outcome: Partial refund of 15.00 EUR, by agreement between buyer and seller.' }).waitFor();
      await page.locator('.status-badge').filter({ hasText: /^(Resolved|Closed)$/ }).waitFor();
      expect(await page.getByRole('button', { name: /offer|Escalate|Withdraw|Send/ }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
    }
    expect(await fitsAPhone(buyer.page)).toBe(true);
    expect(await sameWorld(buyer.page)).toBe(true);
    expect(buyer.errors).toEqual([]);
    expect(seller.errors).toEqual([]);
  });

  it('FAQ 3: when the seller stays silent, the timer sends the case to a mediator and the buyer’s page shows it live', async () => {
    // A policy line of its own with a twelve-second response window, published the operator's way.
    const line = `party-${randomUUID().slice(0, 8)}`;
    const published = await graphql(
      stack.url,
      'mutation Publish($input: PublishPolicyInput!) { publishPolicy(input: $input) { lineVersion } }',
      { input: { line, policy: { ...toPolicyDocument(defaultPolicy), version: 'party-silent-seller', sellerResponseWindow: 'PT12S' }, note: 'A seller who does not answer in 12 seconds.' } },
      await tokenFor('ADMIN', 'admin-ava'),
    );
    expect(published.errors).toBeUndefined();
    const order = await registerOrder(stack.url, systemToken, { policyLine: line });
    const buyerToken = await tokenFor('BUYER', order.buyerId);
    const dispute = await ok(mutate(stack.url, buyerToken, 'openDispute', openInput(order)));

    const buyer = await chromium.person();
    await openWithToken(buyer.page, stack.url, `/disputes/${dispute.id}`, buyerToken);
    await buyer.page.getByRole('heading', { name: `Dispute on order ${order.orderId}` }).waitFor();
    // The page first shows the seller's turn, then the timer's move without a reload.
    expect(await statusOf(buyer.page)).toBe('Waiting for the seller’s response');
    await markWorld(buyer.page);
    await buyer.page.locator('.status-badge').filter({ hasText: 'With a mediator' }).waitFor({ timeout: 40_000 });
    expect(await turnOf(buyer.page)).toMatch(/^Waiting for a mediator\. A mediator must claim the case\./);
    expect(await sameWorld(buyer.page)).toBe(true);
    expect(buyer.errors).toEqual([]);
  });

  it('lets the buyer escalate, and withdraws only after a confirmation in a dialog', async () => {
    const staged = await disputeIn(stack.url, systemToken, 'negotiating');
    const buyer = await chromium.person();
    await openWithToken(buyer.page, stack.url, `/disputes/${staged.id}`, staged.tokens.buyer);
    await buyer.page.getByRole('button', { name: 'Escalate to a mediator' }).waitFor();

    // Withdraw asks first; keeping the dispute changes nothing and gives the focus back.
    const withdraw = buyer.page.getByRole('button', { name: 'Withdraw…' });
    await withdraw.focus();
    await buyer.page.keyboard.press('Enter');
    const dialog = buyer.page.getByRole('dialog', { name: 'Withdraw this dispute?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`The dispute on order ${staged.order.orderId} ends now and cannot be reopened.`);
    expect(await buyer.page.evaluate('document.activeElement?.closest("dialog") !== null')).toBe(true);
    expect(await seriousViolations(buyer.page)).toEqual([]);
    await screenshots(buyer.page, 'party-withdraw-dialog');
    await buyer.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await buyer.page.evaluate('document.activeElement?.textContent')).toBe('Withdraw…');
    expect(await statusOf(buyer.page)).toBe('Negotiating');

    // A refusal is the API's sentence, next to the control that sent it, and changes nothing.
    await buyer.page.getByRole('button', { name: 'Escalate to a mediator' }).click();
    const refusal = buyer.page.locator('form[aria-labelledby="escalate-heading"] .error-note');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/note/i);
    expect(await statusOf(buyer.page)).toBe('Negotiating');

    await buyer.page.getByLabel('Why a mediator should step in').fill('The seller will not go above 10 euros for a cracked screen.');
    await buyer.page.getByRole('button', { name: 'Escalate to a mediator' }).click();
    await buyer.page.locator('.status-badge').filter({ hasText: 'With a mediator' }).waitFor();
    expect(await turnOf(buyer.page)).toMatch(/^Waiting for a mediator\. A mediator must claim the case\./);
    expect(await buyer.page.getByRole('button', { name: 'Escalate to a mediator' }).count()).toBe(0);
    expect(await buyer.page.getByText(/Mediator’s target to decide: in \d+ days/).count()).toBe(1);
    expect(await seriousViolations(buyer.page)).toEqual([]);

    // Confirming in the dialog withdraws for good.
    await buyer.page.getByRole('button', { name: 'Withdraw…' }).click();
    await dialog.getByLabel('Why (optional)').fill('The seller refunded me outside the marketplace.');
    await dialog.getByRole('button', { name: 'Withdraw the dispute' }).click();
    await buyer.page.locator('.status-badge').filter({ hasText: 'Withdrawn by the buyer' }).waitFor();
    expect(await turnOf(buyer.page)).toBe('Nothing is expected from anyone: this dispute has ended.');
    expect(await buyer.page.getByRole('button', { name: /Withdraw|Escalate|offer/ }).count()).toBe(0);
    expect(buyer.errors).toEqual([]);
  });

  it('shows a seller another seller’s dispute, and a buyer another buyer’s, as not found in the API’s words, with no buttons', async () => {
    const staged = await disputeIn(stack.url, systemToken, 'open');
    for (const [role, id] of [['SELLER', 'seller-somebody-else'], ['BUYER', 'buyer-somebody-else']] as const) {
      const token = await tokenFor(role, id);
      const answer = await readDispute(stack.url, token, staged.id);
      expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const stranger = await chromium.person();
      await openWithToken(stranger.page, stack.url, `/disputes/${staged.id}`, token);
      const note = stranger.page.locator('main .error-note');
      await note.waitFor();
      expect(await note.locator('strong').textContent()).toBe(answer.errors![0]!.message);
      expect(await note.locator('.code').textContent()).toContain('NOT_FOUND');
      expect(await stranger.page.locator('main button').count()).toBe(0);
      expect(await stranger.page.getByText(staged.order.orderId).count()).toBe(0);
      expect(await seriousViolations(stranger.page)).toEqual([]);
      expect(stranger.errors).toEqual([]);
    }
  });
});
