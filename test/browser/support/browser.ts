import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium package (`.ci/run` installs it); test tools' own browser downloads do not work here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// As root in a closed network: no sandbox, no GPU, and none of the background connections the
// network refuses (they would otherwise fail at every start).
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

export interface ConsoleBrowser {
  browser: Browser;
  /** A new signed-out person: own cookies and storage, errors recorded. */
  person(viewport?: { width: number; height: number }): Promise<ConsolePage>;
  close(): Promise<void>;
}

export interface ConsolePage {
  page: Page;
  context: BrowserContext;
  /** JavaScript errors and console.error lines seen so far; a test ends by expecting none. */
  errors: string[];
}

export async function launchBrowser(): Promise<ConsoleBrowser> {
  // Playwright gives each launch a fresh, temporary --user-data-dir of its own (and removes it).
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  return {
    browser,
    async person(viewport = LAPTOP) {
      const context = await browser.newContext({ viewport, acceptDownloads: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
      });
      return { page, context, errors };
    },
    async close() {
      await browser.close();
    },
  };
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, which the console's CSP does
 * not govern) and returns the serious and critical violations.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, not a function: this code runs in the page, whose DOM types the tests' compiler does not have.
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => JSON.stringify(node.target)) })))`)) as AxeViolation[];
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Where the committed screenshots live (the README links them). */
export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'console');

/** Saves the page at laptop and phone width as docs/console/<name>-laptop.png and -phone.png. */
export async function screenshots(page: Page, name: string): Promise<void> {
  const original = page.viewportSize() ?? LAPTOP;
  for (const [label, size] of [['laptop', LAPTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true, animations: 'disabled' });
  }
  await page.setViewportSize(original);
}
