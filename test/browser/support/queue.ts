import type { Page } from 'playwright-core';

// The mediator's queue as a test finds one case in it: the database is shared by every suite of a
// run, so a case is found by its id (the page shows its first block), never by its position.

/** The queue's row for one case. */
export const queueRowOf = (page: Page, disputeId: string) => page.locator('tbody tr', { has: page.getByRole('rowheader', { name: new RegExp(`^${disputeId.slice(0, 8)} `) }) });

/** The case's row, pressing "Load more" until it is on screen (other suites' cases may sort above it). */
export async function revealInQueue(page: Page, disputeId: string) {
  const row = queueRowOf(page, disputeId);
  const more = page.getByRole('button', { name: 'Load more' });
  await page.locator('.queue-count').waitFor();
  while ((await row.count()) === 0 && (await more.count()) > 0) {
    const shown = await page.getByRole('rowheader').count();
    await more.click();
    await page.waitForFunction(`document.querySelectorAll('tbody th[scope=row]').length > ${shown}`);
  }
  await row.waitFor();
  return row;
}
