import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';

/** Signs in through the console's own sign-in page, as a person would, by keyboard. */
export async function signInAs(page: Page, baseUrl: string, accountId: string): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  const account = page.getByRole('button', { name: new RegExp(`^${accountId}\\b`) });
  await account.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  expect(await page.locator('.top-bar .who').textContent()).toContain(accountId);
}

/** The production hand-off: the host app opens the console with the token in the URL fragment. */
export async function openWithToken(page: Page, baseUrl: string, path: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/console${path}#token=${encodeURIComponent(token)}`);
}
