import type { Page } from 'playwright-core';
import { PHONE } from './browser';

// What the parties' dispute page shows, read the way the tests compare it.

/** The status badge and the whose-turn line, as the page shows them. */
export const statusOf = (page: Page) => page.locator('.status-badge').textContent();
export const turnOf = (page: Page) => page.getByTestId('whose-turn').textContent();

/** Marks the page's JavaScript world: a reload would lose the mark, so it proves an update came live. */
export const markWorld = (page: Page) => page.evaluate('window.__sameWorld = true');
export const sameWorld = (page: Page) => page.evaluate('window.__sameWorld === true') as Promise<boolean>;

/** No sideways page scroll at phone width (wide tables scroll inside .table-scroll). */
export async function fitsAPhone(page: Page): Promise<boolean> {
  const original = page.viewportSize();
  await page.setViewportSize(PHONE);
  const fits = (await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')) as boolean;
  if (original) await page.setViewportSize(original);
  return fits;
}
