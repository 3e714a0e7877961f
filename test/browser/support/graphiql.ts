import type { Page } from 'playwright-core';

/** GraphiQL's editors are Monaco editors; each one's DOM carries its model's URI, ending in these names. */
const EDITORS = { query: 'operation.graphql', headers: 'request-headers.json', response: 'response.json' } as const;
type Editor = keyof typeof EDITORS;

const lines = (page: Page, editor: Editor) => page.locator(`[data-uri$="${EDITORS[editor]}"] .view-lines`);

/** The editor's visible text as a person reads it (Monaco draws spaces as no-break spaces). */
export async function editorText(page: Page, editor: Editor): Promise<string> {
  const text = await lines(page, editor).innerText();
  return text.replace(/\u00a0/g, ' ');
}

/**
 * Replaces an editor's text as a person pasting would: focus it, select all, insert. (Typing key
 * by key would get Monaco's automatic closing quotes and brackets added to the JSON.)
 */
export async function replaceEditorText(page: Page, editor: Editor, text: string): Promise<void> {
  await lines(page, editor).click();
  await page.keyboard.press('ControlOrMeta+A');
  // Emptied first: text inserted over a selection starting with a quote or brace would be wrapped in one (Monaco's auto-surround).
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

export const responseText = (page: Page) => editorText(page, 'response');

/**
 * Runs the named operation in the query editor by keyboard (GraphiQL's Ctrl+Enter), once GraphiQL
 * has read the edited text: it names the tab after the operation a moment after an edit, and a
 * run before that sends the previous text's operation name.
 */
export async function runOperation(page: Page, operationName: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${operationName}\\b`) }).waitFor();
  await lines(page, 'query').click();
  await page.keyboard.press('ControlOrMeta+Enter');
}

/** Moves the editor's cursor (and view) to its first line's start, as Ctrl+Home does. */
export async function scrollToStart(page: Page, editor: Editor): Promise<void> {
  await lines(page, editor).click();
  await page.keyboard.press('ControlOrMeta+Home');
}
