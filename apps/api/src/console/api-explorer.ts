import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/** The explorer's page in the console's build (apps/console/graphiql.html); its scripts and styles are under /console/assets. */
export const EXPLORER_PAGE = 'graphiql.html';

/**
 * The console's policy with the two allowances GraphiQL's editor (Monaco) needs, and nothing
 * from another origin:
 * - `style-src 'unsafe-inline'`: Monaco writes <style> elements at run time (its theme, the
 *   per-decoration rules) and sets style attributes; it has no nonce hook for all of them, and
 *   without this the editors render without colours or cursors. Styles cannot run code; scripts
 *   stay 'self' only.
 * - `font-src data:`: GraphiQL's stylesheet embeds its icon fonts as data: URLs.
 * Workers (Monaco's language services) are files of this build: `worker-src 'self'`.
 */
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * In development, GET /graphql from a browser (HTML preferred over JSON, no `query` in the URL)
 * answers with the self-hosted GraphiQL; everything else goes on to the API. Mounted only when
 * the landing page is on (GRAPHQL_LANDING_PAGE, off in production).
 */
export function apiExplorer(consoleDirectory: string) {
  const page = join(resolve(consoleDirectory), EXPLORER_PAGE);
  return (request: Request, response: Response, next: NextFunction): void => {
    const wantsPage = request.method === 'GET' && request.path.replace(/\/+$/, '') === '/graphql' && request.query.query === undefined && request.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
    if (!wantsPage) return next();
    response.setHeader('Content-Security-Policy', EXPLORER_CSP);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(page)) {
      response.status(404).type('text/plain').send('The API explorer is not built. Run `npm run build` (or `npm start`, which builds it).\n');
      return;
    }
    response.sendFile(page);
  };
}
